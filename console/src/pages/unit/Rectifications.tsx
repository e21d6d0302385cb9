/**
 * 整改: the notices that name this unit and where it stands on each — the
 * rectification report is due within a week of the notice — with the form
 * (explanation, measures, written report) for the ones still owed.
 */
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Form, Input, Modal, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { useSubmission } from '../../api/submission';
import { keys, useNotices } from '../../api/queries';
import type { Notice, RectificationSubmission } from '../../api/types';
import { useSession } from '../../auth/AuthContext';
import { Problem } from '../../components/Problem';
import { daysLeftText, formatDate, formatDateTime } from '../../format';
import { rectificationLabels } from '../../labels';
import { noticeHeading } from '../../notices';
import { useToast } from '../../components/Toast';

interface Row {
  notice: Notice;
  mine?: NonNullable<Notice['rectifications']>[number];
}

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
  const owed = rows.filter((r) => r.mine?.status === 'owed').length;

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
        locale={{ emptyText: <Empty description="本单位没有被通报，无需整改。被通报后，整改任务会出现在这里。" /> }}
        columns={[
          { title: '通报时间', key: 'issued', width: 140, render: (_, r) => formatDateTime(r.notice.issuedAt) },
          { title: '通报', key: 'level', width: 200, render: (_, r) => noticeHeading(r.notice) },
          { title: '通报事由', key: 'reason', render: (_, r) => r.notice.reason },
          {
            title: '整改期限',
            key: 'due',
            width: 130,
            render: (_, r) => {
              const due = r.mine?.due ?? r.notice.rectificationDue;
              return (
                <>
                  {formatDate(due)}
                  {r.mine?.status === 'owed' ? (
                    <Typography.Text type={daysLeftText(due).startsWith('逾期') ? 'danger' : 'secondary'}>
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
            width: 170,
            render: (_, r) =>
              !r.mine ? (
                <Spin size="small" />
              ) : (
                <>
                  <Tag color={r.mine.status === 'rectified' ? 'green' : r.mine.status === 'owed' ? 'gold' : 'red'}>
                    {rectificationLabels[r.mine.status]}
                  </Tag>
                  {r.mine.submittedAt ? (
                    <Typography.Text type="secondary">
                      <br />
                      {formatDate(r.mine.submittedAt)} 提交{r.mine.onTime === false ? '（逾期）' : ''}
                    </Typography.Text>
                  ) : null}
                </>
              ),
          },
          {
            title: '操作',
            key: 'act',
            width: 130,
            render: (_, r) =>
              r.mine && r.mine.status !== 'rectified' ? (
                <Button size="small" type="primary" onClick={() => setWriting(r.notice)}>
                  提交整改报告
                </Button>
              ) : null,
          },
        ]}
      />
      {writing ? <RectificationModal notice={writing} onClose={() => setWriting(null)} /> : null}
    </>
  );
}

function RectificationModal({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  const [form] = Form.useForm<RectificationSubmission>();
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
      message.success(r.onTime ? '已提交整改报告' : '已提交整改报告（已逾期）');
      onClose();
    },
  });
  const trimmed = (v: RectificationSubmission) => ({
    explanation: v.explanation.trim(),
    measures: v.measures.trim(),
    report: v.report.trim(),
  });
  const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];
  return (
    <Modal
      open
      width={720}
      title="提交整改报告"
      okText="提交"
      cancelText="取消"
      okButtonProps={{ loading: rectification.pending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">通报事由：{notice.reason}</Typography.Paragraph>
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
      </Form>
    </Modal>
  );
}
