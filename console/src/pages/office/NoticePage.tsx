import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Spin, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useNotice, useUnitName } from '../../api/queries';
import type { Notice } from '../../api/types';
import { WithdrawNoticeButton, WithdrawnBanner } from '../../components/notice/NoticeWithdrawal';
import { RectificationReview } from '../../components/notice/RectificationReview';
import { ItemTitleLink } from '../../components/item/ItemTitle';
import { Problem } from '../../components/Problem';
import { daysLeftText, formatDate, formatDateTime, isPast } from '../../format';
import { rectificationLabels } from '../../labels';
import { noticeHeading } from '../../notices';

type Rectification = NonNullable<Notice['rectifications']>[number];
type Delivery = NonNullable<Notice['delivery']>[number];

/** 送达: whether the notice's mail reached the unit (SES delivery receipts). */
const deliveryTags: Record<Delivery['state'], { label: string; color: string }> = {
  delivered: { label: '已送达', color: 'green' },
  bounced: { label: '退信', color: 'red' },
  pending: { label: '待确认', color: 'default' },
};

/** One notice: what it says, and for each named unit whether its rectification is owed, late or in. */
export default function NoticePage() {
  const { id = '' } = useParams();
  const notice = useNotice(id);
  const unitName = useUnitName();
  if (notice.isPending) return <Spin />;
  if (notice.isError) return <Problem error={notice.error} home="/office/notices" retry={() => void notice.refetch()} />;
  const n = notice.data;
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">
          {noticeHeading(n)}
          {n.withdrawn ? <Tag style={{ marginLeft: 12, verticalAlign: 'middle' }}>已撤销</Tag> : null}
        </h1>
        <Space>
          <WithdrawNoticeButton notice={n} />
          <Link to="/office/notices">
            <Button icon={<ArrowLeftOutlined />}>返回通报列表</Button>
          </Link>
        </Space>
      </div>
      <WithdrawnBanner notice={n} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 'at', label: '通报时间', children: formatDateTime(n.issuedAt) },
            { key: 'due', label: '整改期限', children: formatDate(n.rectificationDue) },
            { key: 'units', label: '被通报单位', span: 2, children: n.unitIds.map(unitName).join('、') },
            {
              key: 'items',
              label: '涉及事项',
              span: 2,
              children: n.itemIds.length === 0 ? '—' : n.itemIds.map((itemId) => <ItemTitleLink key={itemId} id={itemId} base="/office" />),
            },
            { key: 'reason', label: '事由', span: 2, children: n.reason },
            { key: 'media', label: '媒体曝光', children: n.mediaExposure ? '是' : '否' },
            ...(n.referralSuggested?.length
              ? [{ key: 'ref', label: '建议移送', children: <Tag color="red">{n.referralSuggested.map(unitName).join('、')}</Tag> }]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title="整改情况">
        <Table<Rectification>
          rowKey="unitId"
          size="small"
          pagination={false}
          dataSource={n.rectifications ?? []}
          columns={[
            { title: '单位', dataIndex: 'unitId', render: (v: string) => unitName(v) },
            { title: '期限', dataIndex: 'due', width: 110, render: (v: string) => formatDate(v) },
            {
              title: '送达',
              key: 'delivery',
              width: 190,
              render: (_, r) => {
                const d = n.delivery?.find((x) => x.unitId === r.unitId);
                if (!d) return '—';
                return (
                  <span data-delivery={d.state}>
                    <Tag color={deliveryTags[d.state].color}>{deliveryTags[d.state].label}</Tag>
                    {d.at ? formatDateTime(d.at) : ''}
                  </span>
                );
              },
            },
            {
              title: '状态',
              key: 'status',
              width: 240,
              render: (_, r) => (
                <>
                  <Tag color={r.status === 'rectified' ? (r.onTime === false ? 'orange' : 'green') : r.status === 'owed' ? 'gold' : 'red'}>
                    {rectificationLabels[r.status]}
                    {r.status === 'rectified' && r.onTime === false ? '（逾期提交）' : ''}
                  </Tag>
                  {r.status === 'owed' || r.status === 'returned' || r.status === 'escalated' ? (
                    <span className={isPast(r.due) ? 'overdue' : undefined}>{daysLeftText(r.due)}</span>
                  ) : r.submittedAt ? (
                    `${formatDateTime(r.submittedAt)} 提交`
                  ) : (
                    ''
                  )}
                </>
              ),
            },
          ]}
        />
      </Card>
      <RectificationReview notice={n} />
    </>
  );
}
