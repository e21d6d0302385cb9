/**
 * 分解下达情况: what the offices below made of this item (GET /items/{id}/cascade), beside it — for an item one of
 * whose responsible units is a government with an office of its own. Each child's state, progress and light, by
 * office; nothing shows for an item no office below answers for.
 */
import { Card, Empty, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useOffices } from '../../api/queries';
import type { Item } from '../../api/types';
import { formatDate, formatPercent } from '../../format';
import { LightTag, StatusTag } from '../Tags';

export function CascadeCard({ item }: { item: Item }) {
  const offices = useOffices();
  const tree = offices.data;
  const units = [item.leadUnit, ...item.coUnits];
  const below = (tree?.below ?? []).filter((o) => o.parentId === tree?.office.id && o.unitId && units.includes(o.unitId));
  const cascade = useQuery({
    queryKey: ['item', item.id, 'cascade'],
    queryFn: () => ok(api.GET('/items/{id}/cascade', { params: { path: { id: item.id } } })),
    enabled: below.length > 0,
  });
  if (below.length === 0) return null;
  const rows = (cascade.data?.offices ?? []).flatMap((o) =>
    o.items.map((child) => ({ office: o.office.name, child, lead: o.unitNames[child.leadUnit] ?? child.leadUnit })),
  );
  return (
    <Card title="分解下达情况" className="cascade-card" style={{ marginBottom: 16 }}>
      <Table
        rowKey={(r) => r.child.id}
        size="small"
        loading={cascade.isPending}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: cascade.isPending ? ' ' : <Empty description={`${below.map((o) => o.name).join('、')}尚未分解下达`} /> }}
        columns={[
          { title: '督查机构', dataIndex: 'office', width: 180 },
          { title: '分解事项', key: 'title', render: (_, r) => r.child.title },
          // A unit of the county's roster, named as the county's roster names it.
          { title: '牵头单位', dataIndex: 'lead', width: 160 },
          { title: '完成时限', key: 'due', width: 120, render: (_, r) => formatDate(r.child.dueDate) },
          { title: '状态', key: 'status', width: 100, render: (_, r) => <StatusTag status={r.child.status} /> },
          {
            title: '进度',
            key: 'progress',
            width: 80,
            render: (_, r) => (r.child.percentComplete == null ? '未报送' : formatPercent(r.child.percentComplete / 100)),
          },
          { title: '红黄绿灯', key: 'light', width: 100, render: (_, r) => <LightTag item={r.child} /> },
        ]}
      />
    </Card>
  );
}
