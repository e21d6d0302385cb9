import { Card, Descriptions, Tag, Typography } from 'antd';
import type { Rectification } from '../../api/rectifications';
import { formatDateTime } from '../../format';
import { AttachmentList } from '../AttachmentList';

/** One hand-in of a rectification: which one, when, what it says, its attachments and how it was reviewed. */
export function RectificationCard({
  rectification: r,
  title,
  extra,
}: {
  rectification: Rectification;
  title?: string;
  extra?: React.ReactNode;
}) {
  return (
    <Card
      type="inner"
      size="small"
      style={{ marginTop: 12 }}
      className="rectification-card"
      title={
        <span>
          {title ? `${title}　` : ''}第 {r.attempt ?? 1} 次报送　{formatDateTime(r.submittedAt)}
          {r.onTime ? null : (
            <Tag color="orange" style={{ marginLeft: 8 }}>
              逾期提交
            </Tag>
          )}
        </span>
      }
      extra={<ReviewTag rectification={r} />}
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'why', label: '原因说明', children: <Multiline text={r.explanation} /> },
          { key: 'measures', label: '整改措施', children: <Multiline text={r.measures} /> },
          { key: 'report', label: '书面整改报告', children: <Multiline text={r.report} /> },
          ...(r.review?.decision === 'returned'
            ? [{ key: 'return', label: '退回理由', children: <Typography.Text type="danger">{r.review.reason}</Typography.Text> }]
            : []),
        ]}
      />
      <AttachmentList ids={r.attachmentIds} />
      {extra}
    </Card>
  );
}

export function ReviewTag({ rectification: r }: { rectification: Rectification }) {
  if (!r.review) return <Tag color="blue">待审核</Tag>;
  return r.review.decision === 'accepted' ? (
    <Tag color="green">已通过　{formatDateTime(r.review.at)}</Tag>
  ) : (
    <Tag color="red">已退回重报　{formatDateTime(r.review.at)}</Tag>
  );
}

/** A report as written, its line breaks kept. */
function Multiline({ text }: { text: string }) {
  return <div style={{ whiteSpace: 'pre-wrap' }}>{text}</div>;
}
