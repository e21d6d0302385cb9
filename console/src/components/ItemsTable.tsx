import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useUnitName } from '../api/queries';
import type { Item } from '../api/types';
import { formatDate } from '../format';
import { sourceLabels } from '../labels';
import { LightTag, StatusTag } from './Tags';

/** The ledger's columns (督查台账): what the office's spreadsheet has always shown, with the light's reason beside it. */
export function ItemsTable({
  items,
  loading,
  itemPath,
  empty,
  caption,
  extraColumns = [],
}: {
  items: Item[];
  loading?: boolean;
  itemPath: (id: string) => string;
  empty: ReactNode;
  caption?: ReactNode;
  extraColumns?: ColumnsType<Item>;
}) {
  const unitName = useUnitName();
  const columns: ColumnsType<Item> = [
    {
      title: '督查事项',
      dataIndex: 'title',
      render: (_, item) => (
        <div>
          <Link to={itemPath(item.id)}>{item.title}</Link>
          <br />
          <span className="secondary">{item.sourceRef}</span>
        </div>
      ),
    },
    { title: '来源', dataIndex: 'source', width: 112, render: (source: Item['source']) => sourceLabels[source] },
    {
      title: '牵头单位',
      dataIndex: 'leadUnit',
      width: 150,
      render: (_, item) => (
        <>
          {unitName(item.leadUnit)}
          {item.coUnits.length > 0 ? (
            <>
              <br />
              <span className="secondary">协办 {item.coUnits.length} 家</span>
            </>
          ) : null}
        </>
      ),
    },
    { title: '完成时限', dataIndex: 'dueDate', width: 104, render: (date: string) => formatDate(date) },
    { title: '状态', dataIndex: 'status', width: 128, render: (status: Item['status']) => <StatusTag status={status} /> },
    { title: '红黄绿灯', key: 'light', width: 190, render: (_, item) => <LightTag item={item} withReason /> },
    {
      title: '进展',
      key: 'progress',
      width: 110,
      render: (_, item) =>
        item.percentComplete === undefined ? (
          <span className="secondary">未报送</span>
        ) : (
          <>
            {item.percentComplete}%
            <br />
            <span className="secondary">{formatDate(item.lastReportAt)}</span>
          </>
        ),
    },
    ...extraColumns,
  ];
  return (
    <Table<Item>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      locale={{ emptyText: empty }}
      title={caption ? () => caption : undefined}
    />
  );
}
