import { Button, Card, Descriptions, Empty, Form, Input, Modal, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { useSubmission } from '../../api/submission';
import { useReports, useUnitName } from '../../api/queries';
import type { Item, Report } from '../../api/types';
import { formatDate, formatDateTime, formatYuan } from '../../format';
import { AttachmentList } from '../AttachmentList';
import { Problem } from '../Problem';
import { QualityNote } from './QualityNote';
import { Refusal, useAfterEdit } from './ItemEdits';

const anchor = (reportId: string) => `report-${reportId}`;

/**
 * The item's reports, newest first, each answer under the requirement it
 * answers. A report the API flags as a possible copy (纸面销号) says which
 * earlier report it resembles, with a link to it; units never get the flag.
 */
export function ReportList({ item, canReturn = false }: { item: Item; canReturn?: boolean }) {
  const reports = useReports(item.id);
  const unitName = useUnitName();
  if (reports.isPending || reports.isError) {
    return (
      <Card title="进展报送" size="small" style={{ marginBottom: 16 }}>
        {reports.isPending ? <Spin /> : <Problem error={reports.error} retry={() => void reports.refetch()} />}
      </Card>
    );
  }
  const byId = new Map(reports.data.map((r) => [r.id, r]));
  const describe = (id: string) => {
    const earlier = byId.get(id);
    return earlier ? `${formatDateTime(earlier.submittedAt)} ${unitName(earlier.unitId)}的报送` : `报送 ${id}`;
  };
  // A completion claim flagged as a copy has no report of its own: the item carries the flag.
  const claimFlags = (item.copyFlags ?? []).filter((f) => !f.reportId);

  return (
    <Card title={`进展报送（${reports.data.length}）`} size="small" style={{ marginBottom: 16 }}>
      {claimFlags.map((flag) => (
        <div key={flag.possibleCopyOf} className="copy-flag" role="note">
          <Tag color="orange">疑似纸面销号</Tag>申请办结的说明与
          <a href={`#${anchor(flag.possibleCopyOf)}`}>{describe(flag.possibleCopyOf)}</a>
          相似度 {Math.round(flag.similarity * 100)}%，请核查是否照抄。
        </div>
      ))}
      {reports.data.length === 0 ? (
        <Empty description="还没有报送进展" />
      ) : (
        reports.data.map((report) => (
          <ReportCard key={report.id} report={report} item={item} describe={describe} unitName={unitName} canReturn={canReturn} />
        ))
      )}
    </Card>
  );
}

function ReportCard({
  report,
  item,
  describe,
  unitName,
  canReturn,
}: {
  report: Report;
  item: Item;
  describe: (id: string) => string;
  unitName: (id: string) => string;
  canReturn: boolean;
}) {
  const returned = item.returnedReports?.find((r) => r.reportId === report.id);
  const [returning, setReturning] = useState(false);
  const open = !['closed', 'withdrawn'].includes(item.status);
  return (
    <Card
      id={anchor(report.id)}
      type="inner"
      size="small"
      style={{ marginTop: 12 }}
      title={
        <span>
          {formatDateTime(report.submittedAt)}　{unitName(report.unitId)}　进展 {report.percentComplete}%
        </span>
      }
      extra={
        report.onTime ? (
          <Tag color="green">按时报送</Tag>
        ) : (
          <Tag color="red">逾期报送{report.dueBy ? `（应于 ${formatDate(report.dueBy)}）` : ''}</Tag>
        )
      }
    >
      {report.possibleCopyOf ? (
        <div className="copy-flag" role="note">
          <Tag color="orange">疑似纸面销号</Tag>与
          <a href={`#${anchor(report.possibleCopyOf.possibleCopyOf)}`}>{describe(report.possibleCopyOf.possibleCopyOf)}</a>
          相似度 {Math.round(report.possibleCopyOf.similarity * 100)}%，请核查是否照抄。
        </div>
      ) : null}
      {returned ? (
        <div className="copy-flag" role="note">
          <Tag color="red">已退回重报</Tag>
          {formatDateTime(returned.at)} 退回，理由：{returned.reason}；应于 {formatDate(returned.reportAgainBy)} 前重新报送。
        </div>
      ) : canReturn && open ? (
        <Button size="small" danger style={{ marginTop: 8 }} onClick={() => setReturning(true)}>
          退回重报
        </Button>
      ) : null}
      {returning ? <ReturnModal item={item} report={report} onClose={() => setReturning(false)} /> : null}
      {report.findings?.length ? (
        <div className="report-findings">
          <Typography.Text strong>报送内容提示（供审核参考）：</Typography.Text>
          <QualityNote findings={report.findings} placed />
        </div>
      ) : null}
      <Typography.Paragraph style={{ marginTop: 8 }}>{report.summary}</Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          ...report.answers.map((a) => ({
            key: `a${a.requirement}`,
            label: item.requirements[a.requirement] ?? `要求 ${a.requirement + 1}`,
            children: a.answer,
          })),
          ...(report.investmentYuan !== undefined
            ? [{ key: 'inv', label: '投资完成额', children: formatYuan(report.investmentYuan) }]
            : []),
          ...(report.workVolume ? [{ key: 'vol', label: '完成工作量', children: report.workVolume }] : []),
          ...(report.difficulties ? [{ key: 'diff', label: '困难和问题', children: report.difficulties }] : []),
        ]}
      />
      <AttachmentList ids={report.attachmentIds} />
    </Card>
  );
}

/** 退回重报: the office's reason, sent with what the content rules found (the API adds them to the unit's letter). */
function ReturnModal({ item, report, onClose }: { item: Item; report: Report; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const send = useSubmission({
    send: (body: { reason: string }, key) =>
      ok(
        api.POST('/items/{id}/reports/{reportId}/return', {
          params: { path: { id: item.id, reportId: report.id }, header: { 'Idempotency-Key': key } },
          body,
        }),
      ),
    sent: useAfterEdit(item, (next) => `已退回重报，应于 ${formatDate(next.returnedReports?.at(-1)?.reportAgainBy)} 前重新报送`, onClose),
  });
  return (
    <Modal
      open
      title="退回重报"
      okText="退回"
      okButtonProps={{ danger: true, loading: send.pending }}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Refusal text={send.refusal} />
      <Typography.Paragraph type="secondary">
        退回后，报送单位须在 3 日内重新报送；平台将退回理由{report.findings?.length ? '和报送内容提示' : ''}一并邮件告知该单位。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => send.submit({ reason: v.reason.trim() })}>
        <Form.Item name="reason" label="退回理由" rules={[{ required: true, whitespace: true, message: '请填写退回理由' }, { max: 2000 }]}>
          <Input.TextArea rows={3} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
