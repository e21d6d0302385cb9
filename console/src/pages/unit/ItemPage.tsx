/**
 * A unit's item: what it must do (签收, 报送, 延期, 申请办结), offered only
 * when the item's status and the unit's part in it allow it — the same
 * lifecycle table the API enforces.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, type FormInstance, Input, Modal, Space, Typography } from 'antd';
import '../../dayjs-zh';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router-dom';
import { canDo } from '../../../../functions/domain/lifecycle';
import { api, ok } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useIdempotencyKey } from '../../api/idempotency';
import { useSubmission } from '../../api/submission';
import { keys } from '../../api/queries';
import type { Item } from '../../api/types';
import { useSession } from '../../auth/AuthContext';
import { AttachmentUpload } from '../../components/AttachmentUpload';
import { ExtensionList } from '../../components/item/ExtensionList';
import { ItemFrame } from '../../components/item/ItemFrame';
import { ItemRecord } from '../../components/item/ItemRecord';
import { ItemSummary } from '../../components/item/ItemSummary';
import { DueInput } from '../../components/DueInput';
import { type DeadlineInput, type DueChoice, dueChoiceProblem, dueInputOf } from '../../due';
import { statusLabels } from '../../labels';
import { useToast } from '../../components/Toast';

export default function UnitItemPage() {
  return (
    <ItemFrame back="/unit/inbox" backLabel="返回待办">
      {(item) => (
        <>
          <UnitActions item={item} />
          <ItemSummary item={item} />
          <ItemRecord item={item} />
          <ExtensionList itemId={item.id} canDecide={false} />
        </>
      )}
    </ItemFrame>
  );
}

function useItemChange(item: Item) {
  const queryClient = useQueryClient();
  return (updated?: Item) => {
    if (updated) queryClient.setQueryData(keys.item(item.id), updated);
    else void queryClient.invalidateQueries({ queryKey: keys.item(item.id) });
    void queryClient.invalidateQueries({ queryKey: keys.history(item.id) });
    void queryClient.invalidateQueries({ queryKey: keys.extensions(item.id) });
    void queryClient.invalidateQueries({ queryKey: keys.allItems });
  };
}

function UnitActions({ item }: { item: Item }) {
  const { unitId } = useSession();
  const message = useToast();
  const changed = useItemChange(item);
  const idempotency = useIdempotencyKey();
  const [open, setOpen] = useState<'extension' | 'completion' | null>(null);
  const lead = item.leadUnit === unitId;
  const signed = item.acknowledgements.some((a) => a.unitId === unitId);

  const acknowledge = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/items/{id}/acknowledge', {
          params: { path: { id: item.id }, header: { 'Idempotency-Key': idempotency.keyFor('ack') } },
        }),
      ),
    onSuccess: (updated) => {
      idempotency.done();
      changed(updated);
      message.success('已签收');
    },
    onError: (error) => message.error(`签收未成功：${messageOf(error)}`),
  });

  const can = {
    acknowledge: !signed && canDo('acknowledge', item.status),
    report: signed && canDo('report', item.status),
    extension: lead && canDo('requestExtension', item.status) && !item.pendingExtension,
    completion: lead && canDo('claimCompletion', item.status),
  };
  const nothing = !can.acknowledge && !can.report && !can.extension && !can.completion;

  return (
    <Card size="small" style={{ marginBottom: 16 }} title={`本单位（${lead ? '牵头' : '协办'}）办理`}>
      {!signed && !can.acknowledge ? null : !signed ? (
        <Alert type="warning" showIcon title="本单位尚未签收此事项：请先签收，再报送进展。" style={{ marginBottom: 12 }} />
      ) : null}
      <Space wrap>
        {can.acknowledge ? (
          <Button type="primary" loading={acknowledge.isPending} onClick={() => acknowledge.mutate()}>
            签收
          </Button>
        ) : null}
        {can.report ? (
          <Link to={`/unit/items/${encodeURIComponent(item.id)}/report`}>
            <Button type="primary">报送进展</Button>
          </Link>
        ) : null}
        {can.extension ? <Button onClick={() => setOpen('extension')}>申请延期</Button> : null}
        {can.completion ? <Button onClick={() => setOpen('completion')}>申请办结</Button> : null}
      </Space>
      {item.pendingExtension && lead ? <Typography.Paragraph type="secondary">已有延期申请待督查室审批。</Typography.Paragraph> : null}
      {nothing ? (
        <Typography.Text type="secondary">
          {item.status === 'completion-claimed'
            ? '已申请办结，等待督查室或督查员核查。'
            : item.status === 'closed'
              ? '此事项已办结。'
              : `此事项当前为“${statusLabels[item.status]}”${lead ? '' : '；延期和办结由牵头单位申请'}。`}
        </Typography.Text>
      ) : null}
      {open === 'extension' ? <ExtensionModal item={item} onClose={() => setOpen(null)} onDone={changed} /> : null}
      {open === 'completion' ? <CompletionModal item={item} onClose={() => setOpen(null)} onDone={changed} /> : null}
    </Card>
  );
}

/** A request the lead unit puts from a dialog (延期, 办结); the API's refusal stays in the dialog, above the form. */
function RequestModal<V>({
  title,
  okText,
  form,
  request,
  onFinish,
  onClose,
  uploading = false,
  children,
}: {
  title: string;
  okText: string;
  form: FormInstance<V>;
  request: { pending: boolean; refusal: string | null };
  onFinish: (values: V) => void;
  onClose: () => void;
  /** A file is still on its way: the request waits for it (as a report does). */
  uploading?: boolean;
  children: ReactNode;
}) {
  return (
    <Modal
      open
      title={title}
      okText={uploading ? '附件上传中…' : okText}
      cancelText="取消"
      okButtonProps={{ loading: request.pending, disabled: uploading }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {request.refusal ? <Alert type="error" showIcon title={`申请未提交：${request.refusal}`} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        {children}
      </Form>
    </Modal>
  );
}

function ExtensionModal({ item, onClose, onDone }: { item: Item; onClose: () => void; onDone: (updated?: Item) => void }) {
  const [form] = Form.useForm<{ newDueDate: DueChoice; reason: string }>();
  const message = useToast();
  const request = useSubmission({
    send: (body: { newDueDate: DeadlineInput; reason: string }, key) =>
      ok(api.POST('/items/{id}/extension-requests', { params: { path: { id: item.id }, header: { 'Idempotency-Key': key } }, body })),
    sent: (r) => {
      onDone();
      message.success(`已提交延期申请（延至 ${r.newDueDate}），等待督查室审批`);
      onClose();
    },
  });
  return (
    <RequestModal
      title="申请延期"
      okText="提交申请"
      form={form}
      request={request}
      onFinish={(v) => request.submit({ newDueDate: dueInputOf(v.newDueDate) ?? '', reason: v.reason.trim() })}
      onClose={onClose}
    >
      <Typography.Paragraph>现完成时限：{item.dueDate}</Typography.Paragraph>
      <Form.Item
        name="newDueDate"
        label="申请延至"
        required
        initialValue={{ mode: 'date' }}
        rules={[
          {
            validator: async (_, value?: DueChoice) => {
              const problem = dueChoiceProblem(value);
              if (problem) throw new Error(problem);
              if (value?.mode === 'date' && value.date && value.date <= item.dueDate) throw new Error('须晚于现完成时限');
            },
          },
        ]}
      >
        <DueInput countedFrom="现完成时限次日" disabledDate={(d) => d.format('YYYY-MM-DD') <= item.dueDate} />
      </Form.Item>
      <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请填写延期理由' }, { max: 2000 }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
    </RequestModal>
  );
}

function CompletionModal({ item, onClose, onDone }: { item: Item; onClose: () => void; onDone: (updated?: Item) => void }) {
  const [form] = Form.useForm<{ summary: string; attachmentIds?: string[] }>();
  const message = useToast();
  const [uploading, setUploading] = useState(false);
  const claim = useSubmission({
    send: (body: { summary: string; attachmentIds?: string[] }, key) =>
      ok(api.POST('/items/{id}/completion', { params: { path: { id: item.id }, header: { 'Idempotency-Key': key } }, body })),
    sent: (updated) => {
      onDone(updated);
      message.success('已申请办结，等待核查');
      onClose();
    },
  });
  return (
    <RequestModal
      title="申请办结"
      okText="提交办结申请"
      form={form}
      request={claim}
      onFinish={(v) => claim.submit({ summary: v.summary.trim(), attachmentIds: v.attachmentIds })}
      onClose={onClose}
      uploading={uploading}
    >
      {item.pendingExtension ? (
        // The claim withdraws the request (the API does, and says so in the history): the unit is told before it sends.
        <Alert
          type="warning"
          showIcon
          title="本事项的延期申请尚待督查室审批。提交办结申请后，该延期申请将自动撤回，不再审批。"
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form.Item
        name="summary"
        label="办结情况"
        rules={[{ required: true, whitespace: true, message: '请说明办结情况' }, { max: 4000 }]}
        extra="说明完成了什么、效果如何；督查室将据此核查。"
      >
        <Input.TextArea rows={5} />
      </Form.Item>
      <Form.Item name="attachmentIds" label="附件" extra="办结的正式文件、照片等（可选）">
        <AttachmentUpload onBusy={setUploading} />
      </Form.Item>
    </RequestModal>
  );
}
