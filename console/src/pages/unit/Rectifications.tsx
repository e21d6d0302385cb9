/**
 * 整改: the notices that name this unit and where it stands on each — the
 * rectification report is due within a week of the notice — with the form
 * (explanation, measures, written report, attachments) for the ones still owed or returned
 * (退回重报: the office's reason is shown, and the unit hands in again; the week still runs from
 * the notice). Each row opens to what the unit handed in and how it was reviewed.
 */
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Form, Input, Modal, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { useUnitRectifications } from '../../api/rectifications';
import { useSubmission } from '../../api/submission';
import { keys, useNotices } from '../../api/queries';
import type { Notice, RectificationSubmission } from '../../api/types';
import { useSession } from '../../auth/AuthContext';
import { AttachmentUpload } from '../../components/AttachmentUpload';
import { RectificationCard } from '../../components/notice/RectificationCard';
import { ItemTitleLink } from '../../components/item/ItemTitle';
import { Problem } from '../../components/Problem';
import { daysLeftText, formatDate, formatDateTime, isPast } from '../../format';
import { rectificationLabels } from '../../labels';
import { noticeHeading } from '../../notices';
import { useToast } from '../../components/Toast';

interface Row {
  notice: Notice;
  mine?: NonNullable<Notice['rectifications']>[number];
}

/** What the unit may still hand in: owed, returned (退回重报) or escalated; never under a withdrawn notice. */
const mayHandIn = (r: Row) =>
  !r.notice.withdrawn && (r.mine?.status === 'owed' || r.mine?.status === 'returned' || r.mine?.status === 'escalated');

export default function Rectifications() {
  const { unitId } = useSession();
  const notices = useNotices();
  const [writing, setWriting] = useState<Notice | null>(null);
  const naming = (notices.data ?? []).filter((n) => unitId && n.unitIds.includes(unitId));
  // The list gives the notices; each notice's own page says where each named unit stands.
  const details = useQueries({
    queries: naming.map((n) => ({
      queryKey: keys.notice(n.id),
      queryFn: () => ok(api.GET('/notices/{id}', { params: { path: { id: n.id } } })),
    })),
  });
  if (notices.isError) return <Problem error={notices.error} retry={() => void notices.refetch()} />;
  if (notices.isPending) return <Spin />;

  const rows: Row[] = naming.map((notice, i) => ({
    notice: details[i]?.data ?? notice,
    mine: details[i]?.data?.rectifications?.find((r) => r.unitId === unitId),
  }));
  const owed = rows.filter(mayHandIn).length;

  return (
    <>
      <div className="page-head">
        <h1 className="page-title">整改报告</h1>
        {owed > 0 ? <Tag color="red">待整改 {owed} 项</Tag> : null}
      </div>
      <Typography.Paragraph type="secondary">
        被通报的单位须在通报之日起 7 日内提交整改报告（原因说明、整改措施、书面报告）。
      </Typography.Paragraph>
      <Table<Row>
        rowKey={(r) => r.notice.id}
        size="middle"
        pagination={false}
        dataSource={rows}
        expandable={{
          rowExpandable: (r) => (r.mine?.submissions ?? (r.mine?.submittedAt ? 1 : 0)) > 0,
          expandedRowRender: (r) => <HandIns noticeId={r.notice.id} unitId={unitId} />,
          expandRowByClick: false,
        }}
        locale={{ emptyText: <Empty description="本单位没有被通报，无需整改。被通报后，整改任务会出现在这里。" /> }}
        columns={[
          { title: '通报时间', key: 'issued', width: 140, render: (_, r) => formatDateTime(r.notice.issuedAt) },
          { title: '通报', key: 'level', width: 200, render: (_, r) => noticeHeading(r.notice) },
          {
            title: '通报事由',
            key: 'reason',
            render: (_, r) => (
              <>
                {r.notice.reason}
                {r.notice.itemIds.length > 0 ? (
                  <div className="notice-items">
                    <Typography.Text type="secondary">涉及事项：</Typography.Text>
                    {r.notice.itemIds.map((itemId) => (
                      <ItemTitleLink key={itemId} id={itemId} base="/unit" />
                    ))}
                  </div>
                ) : null}
              </>
            ),
          },
          {
            title: '整改期限',
            key: 'due',
            width: 130,
            render: (_, r) => {
              const due = r.mine?.due ?? r.notice.rectificationDue;
              return (
                <>
                  {formatDate(due)}
                  {r.mine && !r.notice.withdrawn && ['owed', 'returned', 'escalated'].includes(r.mine.status) ? (
                    <Typography.Text type={isPast(due) ? 'danger' : 'secondary'}>
                      <br />
                      {daysLeftText(due)}
                    </Typography.Text>
                  ) : null}
                </>
              );
            },
          },
          {
            title: '状态',
            key: 'status',
            width: 240,
            render: (_, r) =>
              !r.mine ? (
                <Spin size="small" />
              ) : (
                <>
                  {r.notice.withdrawn ? (
                    <Tag>通报已撤销</Tag>
                  ) : (
                    <Tag color={r.mine.status === 'rectified' ? 'green' : r.mine.status === 'owed' ? 'gold' : 'red'}>
                      {rectificationLabels[r.mine.status]}
                    </Tag>
                  )}
                  {r.mine.status === 'rectified' ? (
                    <Tag color={r.mine.review === 'accepted' ? 'green' : 'blue'}>
                      {r.mine.review === 'accepted' ? '审核通过' : '待审核'}
                    </Tag>
                  ) : null}
                  {r.mine.status === 'returned' && unitId ? <ReturnReason noticeId={r.notice.id} unitId={unitId} /> : null}
                  {r.mine.submittedAt ? (
                    <div>
                      <Typography.Text type="secondary">
                        {formatDate(r.mine.submittedAt)} 提交{r.mine.onTime === false ? '（逾期）' : ''}
                      </Typography.Text>
                    </div>
                  ) : null}
                </>
              ),
          },
          {
            title: '操作',
            key: 'act',
            width: 130,
            render: (_, r) =>
              mayHandIn(r) ? (
                <Button size="small" type="primary" onClick={() => setWriting(r.notice)}>
                  {r.mine?.status === 'returned' ? '重新报送' : '提交整改报告'}
                </Button>
              ) : null,
          },
        ]}
      />
      {writing ? (
        <RectificationModal
          notice={writing}
          returned={rows.find((r) => r.notice.id === writing.id)?.mine?.status === 'returned'}
          onClose={() => setWriting(null)}
        />
      ) : null}
    </>
  );
}

/** Why the office returned the latest hand-in: what the unit must put right before handing in again. */
function ReturnReason({ noticeId, unitId }: { noticeId: string; unitId: string }) {
  const handIns = useUnitRectifications(noticeId, unitId);
  const reason = handIns.data?.map((r) => r.review?.reason).findLast(Boolean);
  return reason ? <div className="return-reason">退回理由：{reason}</div> : null;
}

function HandIns({ noticeId, unitId }: { noticeId: string; unitId?: string }) {
  const handIns = useUnitRectifications(noticeId, unitId);
  if (handIns.isPending) return <Spin />;
  if (handIns.isError) return <Problem error={handIns.error} retry={() => void handIns.refetch()} />;
  return (
    <>
      {[...handIns.data].reverse().map((r) => (
        <RectificationCard key={r.attempt ?? 1} rectification={r} />
      ))}
    </>
  );
}

function RectificationModal({ notice, returned, onClose }: { notice: Notice; returned: boolean; onClose: () => void }) {
  const [form] = Form.useForm<RectificationSubmission>();
  const [uploading, setUploading] = useState(false);
  const { unitId } = useSession();
  const message = useToast();
  const queryClient = useQueryClient();
  const rectification = useSubmission({
    send: (body: RectificationSubmission, key) =>
      ok(
        api.POST('/notices/{id}/rectifications', {
          params: { path: { id: notice.id }, header: { 'Idempotency-Key': key } },
          body,
        }),
      ),
    sent: (r) => {
      void queryClient.invalidateQueries({ queryKey: keys.notice(notice.id) });
      message.success(r.onTime ? '已提交整改报告，待督查室审核' : '已提交整改报告（已逾期），待督查室审核');
      onClose();
    },
  });
  const trimmed = (v: RectificationSubmission) => ({
    explanation: v.explanation.trim(),
    measures: v.measures.trim(),
    report: v.report.trim(),
    ...(v.attachmentIds?.length ? { attachmentIds: v.attachmentIds } : {}),
  });
  const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];
  return (
    <Modal
      open
      width={720}
      title={returned ? '重新报送整改报告' : '提交整改报告'}
      okText={uploading ? '附件上传中…' : '提交'}
      cancelText="取消"
      okButtonProps={{ loading: rectification.pending, disabled: uploading }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">通报事由：{notice.reason}</Typography.Paragraph>
      {returned && unitId ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="上次报送被退回"
          description={<ReturnReason noticeId={notice.id} unitId={unitId} />}
        />
      ) : null}
      {rectification.refusal ? (
        <Alert type="error" showIcon title={`未提交：${rectification.refusal}`} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          rectification.submit(trimmed(v));
        }}
      >
        <Form.Item name="explanation" label="原因说明" rules={[...required('原因说明'), { max: 4000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="measures" label="整改措施" rules={[...required('整改措施'), { max: 4000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="report" label="书面整改报告" rules={[...required('书面整改报告'), { max: 20000 }]}>
          <Input.TextArea rows={6} />
        </Form.Item>
        <Form.Item name="attachmentIds" label="附件" extra="盖章的书面整改报告扫描件等（可选）">
          <AttachmentUpload onBusy={setUploading} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
