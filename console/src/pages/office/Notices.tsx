import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useNotices, useUnitName } from '../../api/queries';
import type { Notice } from '../../api/types';
import { Problem } from '../../components/Problem';
import { daysLeftText, formatDate, formatDateTime, today } from '../../format';
import { noticeLevelLabels } from '../../labels';
import { isExposed, noticeName, PUBLIC_FEED } from '../../notices';

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
      <Typography.Paragraph type="secondary">
        以政府名义通报且决定公开曝光的通报，同时发布在公开栏目（无需登录，供新闻媒体和市政府网站转载）：
        <a href={PUBLIC_FEED.json} target="_blank" rel="noreferrer">
          公开曝光列表
        </a>
        {' · '}
        <a href={PUBLIC_FEED.atom} target="_blank" rel="noreferrer">
          Atom 订阅地址
        </a>
      </Typography.Paragraph>
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
          {
            title: '文号',
            key: 'number',
            width: 170,
            render: (_, n) => <Link to={`/office/notices/${encodeURIComponent(n.id)}`}>{noticeName(n)}</Link>,
          },
          { title: '通报时间', dataIndex: 'issuedAt', width: 140, render: (v: string) => formatDateTime(v) },
          {
            title: '级别',
            dataIndex: 'level',
            width: 150,
            render: (v: Notice['level'], n) => (
              <>
                <Tag color={v === 'government' ? 'red' : 'orange'}>{noticeLevelLabels[v]}</Tag>
                {n.withdrawn ? <Tag>已撤销</Tag> : null}
                {isExposed(n) ? (
                  <Tag color="volcano" className="exposed-tag">
                    已公开曝光
                  </Tag>
                ) : null}
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
