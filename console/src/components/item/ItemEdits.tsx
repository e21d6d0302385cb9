/**
 * The office keeping an item true (issue 12): 修改, 调整完成时限, 调整牵头单位, 撤销. Each is sent with If-Match (the
 * version shown) and an Idempotency-Key; reassignment and withdrawal ask for confirmation first (Modal.useModal).
 * A 412 means someone changed the item meanwhile: the page reloads it and says so.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Modal, Select, Space } from 'antd';
import { DateField } from '../DateField';
import { confirmThen } from '../confirm';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { ApiError, messageOf } from '../../api/errors';
import { keys, useUnits } from '../../api/queries';
import { useSubmission } from '../../api/submission';
import type { Item } from '../../api/types';
import { useToast } from '../Toast';

type Dialog = 'edit' | 'deadline' | 'reassign' | 'withdraw' | null;
const ifMatch = (item: Item) => `"${item.version ?? 0}"`;
const open = (item: Item) => item.status !== 'closed' && item.status !== 'withdrawn';

export function ItemEdits({ item }: { item: Item }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  if (!open(item)) return null;
  const close = () => setDialog(null);
  return (
    <Card title="台账维护" size="small" style={{ marginBottom: 16 }}>
      <Space wrap>
        <Button onClick={() => setDialog('edit')}>修改事项</Button>
        <Button onClick={() => setDialog('deadline')}>调整完成时限</Button>
        {item.status !== 'completion-claimed' ? <Button onClick={() => setDialog('reassign')}>调整牵头单位</Button> : null}
        <Button danger onClick={() => setDialog('withdraw')}>
          撤销事项
        </Button>
      </Space>
      {dialog === 'edit' ? <EditDialog item={item} onClose={close} /> : null}
      {dialog === 'deadline' ? <DeadlineDialog item={item} onClose={close} /> : null}
      {dialog === 'reassign' ? <ReassignDialog item={item} onClose={close} /> : null}
      {dialog === 'withdraw' ? <WithdrawDialog item={item} onClose={close} /> : null}
    </Card>
  );
}

/**
 * What every change the office makes to an item does once the API answers: the item as answered, its history and
 * the ledger read again, and what was done said (`done`, or worded from the item answered).
 */
export function useAfterEdit(item: Item, done: string | ((updated: Item) => string), onClose: () => void) {
  const queryClient = useQueryClient();
  const message = useToast();
  return (updated: Item) => {
    queryClient.setQueryData(keys.item(item.id), updated);
    void queryClient.invalidateQueries({ queryKey: keys.history(item.id) });
    void queryClient.invalidateQueries({ queryKey: keys.allItems });
    message.success(typeof done === 'string' ? done : done(updated));
    onClose();
  };
}

function useEdit<B>(item: Item, send: (body: B, key: string) => Promise<Item>, done: string, onClose: () => void) {
  const queryClient = useQueryClient();
  return useSubmission({
    send,
    sent: useAfterEdit(item, done, onClose),
    refusalOf: (error) => {
      // Stale: read the item again so the next attempt names the current version.
      if (error instanceof ApiError && error.status === 412) void queryClient.invalidateQueries({ queryKey: keys.item(item.id) });
      return messageOf(error);
    },
  });
}

export function Refusal({ text }: { text?: string | null }) {
  return text ? <Alert type="error" showIcon title={`未保存：${text}`} style={{ marginBottom: 12 }} /> : null;
}

function unitOptions(units: ReturnType<typeof useUnits>['data'], except: string[]) {
  return (units ?? [])
    .filter((u) => !except.includes(u.id) && u.kind !== 'office' && u.kind !== 'leadership')
    .map((u) => ({ value: u.id, label: u.name }));
}

function leaderOptions(units: ReturnType<typeof useUnits>['data']) {
  return (units ?? []).flatMap((u) => (u.contacts ?? []).flatMap((c) => (c.leaderId ? [{ value: c.leaderId, label: c.name }] : [])));
}

interface EditValues {
  title: string;
  description: string;
  coUnits: string[];
  leaderInCharge?: string;
}

function EditDialog({ item, onClose }: { item: Item; onClose: () => void }) {
  const [form] = Form.useForm<EditValues>();
  const units = useUnits();
  const edit = useEdit(
    item,
    (body: Record<string, unknown>, key) =>
      ok(
        api.PATCH('/items/{id}', {
          params: { path: { id: item.id }, header: { 'Idempotency-Key': key, 'If-Match': ifMatch(item) } },
          body,
        }),
      ),
    '已修改，修改前后的内容已记入办理记录',
    onClose,
  );
  return (
    <Modal
      open
      width={640}
      title="修改事项"
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: edit.pending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Refusal text={edit.refusal} />
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={{ title: item.title, description: item.description, coUnits: item.coUnits, leaderInCharge: item.leaderInCharge }}
        onFinish={(v) =>
          edit.submit({
            title: v.title.trim(),
            description: (v.description ?? '').trim(),
            coUnits: v.coUnits ?? [],
            leaderInCharge: v.leaderInCharge ?? null,
          })
        }
      >
        <Form.Item name="title" label="督查事项" rules={[{ required: true, whitespace: true, message: '请填写事项名称' }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label="事项说明">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="coUnits" label="协办单位" extra="新增的协办单位须签收；移除的单位已报送的内容保留">
          <Select mode="multiple" options={unitOptions(units.data, [item.leadUnit])} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="leaderInCharge" label="分管领导">
          <Select allowClear options={leaderOptions(units.data)} placeholder="未指定" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DeadlineDialog({ item, onClose }: { item: Item; onClose: () => void }) {
  const [form] = Form.useForm<{ dueDate: Dayjs; reason: string; decision: string }>();
  const move = useEdit(
    item,
    (body: { dueDate: string; reason: string; decision: string }, key) =>
      ok(
        api.POST('/items/{id}/deadline', {
          params: { path: { id: item.id }, header: { 'Idempotency-Key': key, 'If-Match': ifMatch(item) } },
          body,
        }),
      ),
    '完成时限已调整',
    onClose,
  );
  return (
    <Modal
      open
      title="调整完成时限"
      okText="调整"
      cancelText="取消"
      okButtonProps={{ loading: move.pending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Refusal text={move.refusal} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => move.submit({ dueDate: v.dueDate.format('YYYY-MM-DD'), reason: v.reason.trim(), decision: v.decision.trim() })}
      >
        <Form.Item
          name="dueDate"
          label={`新的完成时限（现为 ${item.dueDate}）`}
          rules={[{ required: true, message: '请选择新的完成时限' }]}
        >
          <DateField />
        </Form.Item>
        <Form.Item name="reason" label="调整理由" rules={[{ required: true, whitespace: true, message: '请填写调整理由' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="decision"
          label="依据（文件、会议纪要或领导批示）"
          rules={[{ required: true, whitespace: true, message: '请填写调整依据' }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReassignDialog({ item, onClose }: { item: Item; onClose: () => void }) {
  // The hook's confirmations follow the console's ConfigProvider (its locale and button spacing); Modal.confirm would not.
  const [modal, confirmHolder] = Modal.useModal();
  const [form] = Form.useForm<{ leadUnit: string; reason: string }>();
  const units = useUnits();
  const reassign = useEdit(
    item,
    (body: { leadUnit: string; reason: string }, key) =>
      ok(
        api.POST('/items/{id}/reassignment', {
          params: { path: { id: item.id }, header: { 'Idempotency-Key': key, 'If-Match': ifMatch(item) } },
          body,
        }),
      ),
    '牵头单位已调整，新牵头单位须签收',
    onClose,
  );
  const nameOf = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  return (
    <Modal
      open
      title="调整牵头单位"
      okText="调整"
      cancelText="取消"
      okButtonProps={{ loading: reassign.pending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Refusal text={reassign.refusal} />
      {confirmHolder}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          confirmThen(
            modal,
            {
              title: '确认调整牵头单位？',
              content: `由 ${nameOf(item.leadUnit)} 改为 ${nameOf(v.leadUnit)}。原牵头单位已报送的内容保留，今后由新牵头单位负责并计入考核。`,
              okText: '确认调整',
            },
            () => reassign.submit({ leadUnit: v.leadUnit, reason: v.reason.trim() }),
          )
        }
      >
        <Flex vertical>
          <Form.Item name="leadUnit" label="新的牵头单位" rules={[{ required: true, message: '请选择新的牵头单位' }]}>
            <Select showSearch options={unitOptions(units.data, [item.leadUnit])} optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="reason" label="调整理由" rules={[{ required: true, whitespace: true, message: '请填写调整理由' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

function WithdrawDialog({ item, onClose }: { item: Item; onClose: () => void }) {
  // The hook's confirmations follow the console's ConfigProvider (its locale and button spacing); Modal.confirm would not.
  const [modal, confirmHolder] = Modal.useModal();
  const [form] = Form.useForm<{ reason: string; decision: string }>();
  const withdraw = useEdit(
    item,
    (body: { reason: string; decision: string }, key) =>
      ok(
        api.POST('/items/{id}/withdrawal', {
          params: { path: { id: item.id }, header: { 'Idempotency-Key': key, 'If-Match': ifMatch(item) } },
          body,
        }),
      ),
    '事项已撤销',
    onClose,
  );
  return (
    <Modal
      open
      title="撤销事项"
      okText="撤销"
      okButtonProps={{ danger: true, loading: withdraw.pending }}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Refusal text={withdraw.refusal} />
      {confirmHolder}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          confirmThen(
            modal,
            {
              title: '确认撤销此事项？',
              content: '撤销后不再提醒、预警或通报，也不计入考核；撤销不能恢复。',
              okText: '确认撤销',
              danger: true,
            },
            () => withdraw.submit({ reason: v.reason.trim(), decision: v.decision.trim() }),
          )
        }
      >
        <Form.Item name="reason" label="撤销理由" rules={[{ required: true, whitespace: true, message: '请填写撤销理由' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="decision" label="依据（撤销的决定）" rules={[{ required: true, whitespace: true, message: '请填写撤销依据' }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
