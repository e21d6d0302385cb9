import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useNotices, useUnitName } from '../../api/queries';
import type { Notice } from '../../api/types';
import { Problem } from '../../components/Problem';
import { daysLeftText, formatDate, formatDateTime, today } from '../../format';
import { noticeLevelLabels } from '../../labels';

/** 通报: every notice, newest first; open one to see whose rectification is owed, late or in. */
export default function Notices() {
  const notices = useNotices();
  const unitName = useUnitName();
  if (notices.isError) return <Problem error={notices.error} retry={() => void notices.refetch()} />;
  const issue = (
    <Link to="/office/notices/new">
      <Button type="primary" icon={<PlusOutlined />}>
        发布通报
      </Button>
    </Link>
  );
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">通报与整改</h1>
        {issue}
      </div>
      <Table<Notice>
        rowKey="id"
        size="middle"
        loading={notices.isFetching}
        dataSource={notices.data ?? []}
        pagination={(notices.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{
          emptyText: notices.isPending ? (
            ' '
          ) : (
            <Empty description="还没有发布过通报。对逾期未办的单位可发布通报，责令 7 日内整改。">{issue}</Empty>
          ),
        }}
        columns={[
          { title: '通报时间', dataIndex: 'issuedAt', width: 140, render: (v: string) => formatDateTime(v) },
          {
            title: '级别',
            dataIndex: 'level',
            width: 140,
            render: (v: Notice['level'], n) => (
              <>
                <Tag color={v === 'government' ? 'red' : 'orange'}>{noticeLevelLabels[v]}</Tag>
                {n.withdrawn ? <Tag>已撤销</Tag> : null}
              </>
            ),
          },
          { title: '被通报单位', dataIndex: 'unitIds', render: (ids: string[]) => ids.map(unitName).join('、') },
          { title: '事由', dataIndex: 'reason', ellipsis: true },
          {
            title: '整改期限',
            dataIndex: 'rectificationDue',
            width: 130,
            render: (d: string) => (
              <>
                {formatDate(d)}
                {d >= today() ? (
                  <Typography.Text type="secondary">
                    <br />
                    {daysLeftText(d)}
                  </Typography.Text>
                ) : null}
              </>
            ),
          },
          { title: '', key: 'open', width: 90, render: (_, n) => <Link to={`/office/notices/${encodeURIComponent(n.id)}`}>整改情况</Link> },
        ]}
      />
    </>
  );
}
