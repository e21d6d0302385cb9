/**
 * 报送: a progress report that answers every requirement of the item in
 * turn (不得漏项掉项) and, for a project item, the investment and the work
 * done. The page refuses by the API's own rule (missingFromReport) before
 * sending; whatever the API still refuses is shown with its message, on the
 * field it names, and nothing typed is lost.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Spin, Typography } from 'antd';
import { useLeaveGuard } from '../../components/LeaveGuard';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { canDo } from '../../../../functions/domain/lifecycle';
import { api, ok } from '../../api/client';
import { ApiError, messageOf } from '../../api/errors';
import { useSubmission } from '../../api/submission';
import { keys, useItem, useReports } from '../../api/queries';
import type { Item, ReportSubmission } from '../../api/types';
import { type ReportValues as Values, refusalsOf, submissionOf } from '../../report-rules';
import { useSession } from '../../auth/AuthContext';
import { AttachmentUpload } from '../../components/AttachmentUpload';
import { markRefusedFields } from '../../components/formErrors';
import { Problem } from '../../components/Problem';
import { formatDate } from '../../format';
import { statusLabels } from '../../labels';
import { useToast } from '../../components/Toast';
import { QualityNote } from '../../components/item/QualityNote';
import { checkAnswer } from '../../../../functions/domain/report-quality';

const FIELDS = new Set(['summary', 'percentComplete', 'investmentYuan', 'workVolume', 'difficulties']);
const isField = (name: (string | number)[]) =>
  (name.length === 1 && FIELDS.has(String(name[0]))) || (name.length === 2 && name[0] === 'answers' && typeof name[1] === 'number');

export default function ReportForm() {
  const { id = '' } = useParams();
  const item = useItem(id);
  const reports = useReports(id);
  const { unitId } = useSession();
  if (item.isPending) return <Spin />;
  if (item.isError) return <Problem error={item.error} home="/unit/inbox" retry={() => void item.refetch()} />;
  const mine = (reports.data ?? []).filter((r) => r.unitId === unitId);
  // Newest first: the first of this unit's reports is its previous one.
  const previousPercent = mine[0]?.percentComplete;
  return <ReportFormFor item={item.data} previousPercent={previousPercent} />;
}

function ReportFormFor({ item, previousPercent }: { item: Item; previousPercent?: number }) {
  const [form] = Form.useForm<Values>();
  const message = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const back = `/unit/items/${encodeURIComponent(item.id)}`;
  const [uploading, setUploading] = useState(false);
  // What the notice's content rules find, as the unit types: shown under each answer, never blocking the report.
  const answers = Form.useWatch('answers', form) as (string | undefined)[] | undefined;
  const summary = Form.useWatch('summary', form) as string | undefined;
  const noteOn = (text: string | undefined, where: number | 'summary', requirement?: string) =>
    text?.trim() ? <QualityNote findings={checkAnswer(text.trim(), where, requirement)} /> : null;
  // Leaving a half-written report asks first.
  const leave = useLeaveGuard();

  const reporting = useSubmission({
    send: (body: ReportSubmission, key) =>
      ok(api.POST('/items/{id}/reports', { params: { path: { id: item.id }, header: { 'Idempotency-Key': key } }, body })),
    sent: (report) => {
      for (const key of [keys.item(item.id), keys.reports(item.id), keys.history(item.id), keys.allItems]) {
        void queryClient.invalidateQueries({ queryKey: key });
      }
      message.success(report.onTime ? '已报送，按时' : `已报送；本次报送逾期（应于 ${formatDate(report.dueBy)} 报送）`);
      leave.release();
      navigate(back);
    },
    refusalOf: (error) => {
      // The API names unanswered requirements by index: mark each on its own field.
      if (error instanceof ApiError && Array.isArray(error.details)) {
        form.setFields(
          (error.details as { path?: string; requirement?: unknown; message?: string }[])
            .filter((d) => d.path === 'answers' && typeof d.requirement === 'number')
            .map((d) => ({ name: ['answers', d.requirement as number], errors: [d.message ?? '未回答'] })),
        );
      }
      markRefusedFields(form, error, isField);
      return messageOf(error);
    },
  });

  if (!canDo('report', item.status)) {
    return (
      <Alert
        type="info"
        showIcon
        title={`此事项当前为“${statusLabels[item.status]}”，现在不能报送进展。`}
        action={<Link to={back}>返回事项</Link>}
      />
    );
  }

  const onFinish = (values: Values) => {
    const submission = submissionOf(values, item);
    const refusals = refusalsOf(submission, item, previousPercent);
    if (refusals.length > 0) {
      form.setFields(refusals as Parameters<typeof form.setFields>[0]);
      reporting.refuse('报送不完整：请补全标红的栏目（不得漏项掉项）');
      return;
    }
    reporting.submit(submission);
  };

  return (
    <>
      {leave.holder}
      <div className="page-head">
        <h1 className="page-title">报送进展：{item.title}</h1>
        <Link to={back}>
          <Button>返回事项</Button>
        </Link>
      </div>
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onValuesChange={leave.touched}
          onFinish={onFinish}
          onFinishFailed={() => reporting.refuse('报送不完整：请补全标红的栏目（不得漏项掉项）')}
          style={{ maxWidth: 860 }}
        >
          {reporting.refusal ? <Alert type="error" showIcon title={reporting.refusal} style={{ marginBottom: 16 }} /> : null}
          <Typography.Paragraph type="secondary">
            请逐项说明 {item.requirements.length} 项督办要求的落实情况
            {item.nextReportDue ? `；本次应于 ${formatDate(item.nextReportDue)} 前报送` : ''}。
          </Typography.Paragraph>
          {item.requirements.map((requirement, index) => (
            <Form.Item
              // biome-ignore lint/suspicious/noArrayIndexKey: requirements are answered by their index, and never reordered
              key={index}
              className="requirement-step"
              name={['answers', index]}
              label={`${index + 1}. ${requirement}`}
              rules={[{ required: true, whitespace: true, message: '未回答此项督办要求：报送须逐项回答，不得漏项掉项' }, { max: 4000 }]}
              extra={noteOn(answers?.[index], index, requirement)}
            >
              <Input.TextArea rows={2} placeholder="落实情况" />
            </Form.Item>
          ))}
          <Form.Item
            name="summary"
            label="总体进展"
            rules={[{ required: true, whitespace: true, message: '请填写总体进展' }, { max: 4000 }]}
            extra={noteOn(summary, 'summary')}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item
              name="percentComplete"
              label="完成进度（%）"
              rules={[{ required: true, message: '请填写完成进度' }]}
              extra={previousPercent !== undefined ? `本单位上次报送：${previousPercent}%` : undefined}
            >
              <InputNumber min={0} max={100} precision={2} style={{ width: 160 }} />
            </Form.Item>
            {item.projectType ? (
              <>
                <Form.Item
                  name="investmentYuan"
                  label="投资完成额（元）"
                  rules={[{ required: true, message: '项目类事项须填写投资完成额' }]}
                >
                  <InputNumber min={0} max={1e13} precision={2} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item
                  name="workVolume"
                  label="完成工作量"
                  rules={[{ required: true, whitespace: true, message: '项目类事项须填写完成工作量' }, { max: 500 }]}
                  style={{ flex: 1, minWidth: 240 }}
                >
                  <Input placeholder="例如：完成管网铺设 12 公里" />
                </Form.Item>
              </>
            ) : null}
          </Flex>
          <Form.Item name="difficulties" label="困难和问题" rules={[{ max: 4000 }]} extra="进度低于上次报送时必须填写。">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="attachmentIds" label="附件" extra="正式文件、照片等（可选）">
            <AttachmentUpload onBusy={setUploading} />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={reporting.pending} disabled={uploading}>
              {uploading ? '附件上传中…' : '提交报送'}
            </Button>
            <Link to={back}>
              <Button>取消</Button>
            </Link>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
