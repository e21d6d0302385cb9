/**
 * A unit's item: what it must do (签收, 报送, 延期, 申请办结), offered only
 * when the item's status and the unit's part in it allow it — the same
 * lifecycle table the API enforces.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import '../../dayjs-zh';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { canDo } from '../../../../functions/domain/lifecycle';
import { api, ok } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useIdempotencyKey } from '../../api/idempotency';
import { keys } from '../../api/queries';
import type { Item } from '../../api/types';
import { useSession } from '../../auth/AuthContext';
import { ExtensionList } from '../../components/item/ExtensionList';
import { HistoryTimeline } from '../../components/item/HistoryTimeline';
import { ItemFrame } from '../../components/item/ItemFrame';
import { ItemSummary } from '../../components/item/ItemSummary';
import { ReportList } from '../../components/item/ReportList';
import { statusLabels } from '../../labels';
import { useToast } from '../../components/Toast';

export default function UnitItemPage() {
  return (
    <ItemFrame back="/unit/inbox" backLabel="返回待办">
      {(item) => (
        <>
          <UnitActions item={item} />
          <ItemSummary item={item} />
          <Row gutter={16}>
            <Col span={15}>
              <ReportList item={item} />
            </Col>
            <Col span={9}>
              <HistoryTimeline itemId={item.id} />
            </Col>
          </Row>
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

function ExtensionModal({ item, onClose, onDone }: { item: Item; onClose: () => void; onDone: (updated?: Item) => void }) {
  const [form] = Form.useForm<{ newDueDate: Dayjs; reason: string }>();
  const message = useToast();
  const idempotency = useIdempotencyKey();
  const [refusal, setRefusal] = useState<string | null>(null);
  const request = useMutation({
    mutationFn: (body: { newDueDate: string; reason: string }) =>
      ok(
        api.POST('/items/{id}/extension-requests', {
          params: { path: { id: item.id }, header: { 'Idempotency-Key': idempotency.keyFor(body) } },
          body,
        }),
      ),
    onSuccess: (r) => {
      idempotency.done();
      onDone();
      message.success(`已提交延期申请（延至 ${r.newDueDate}），等待督查室审批`);
      onClose();
    },
    onError: (error) => setRefusal(messageOf(error)),
  });
  return (
    <Modal
      open
      title="申请延期"
      okText="提交申请"
      cancelText="取消"
      okButtonProps={{ loading: request.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {refusal ? <Alert type="error" showIcon title={`申请未提交：${refusal}`} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setRefusal(null);
          request.mutate({ newDueDate: v.newDueDate.format('YYYY-MM-DD'), reason: v.reason.trim() });
        }}
      >
        <Typography.Paragraph>现完成时限：{item.dueDate}</Typography.Paragraph>
        <Form.Item
          name="newDueDate"
          label="申请延至"
          rules={[
            { required: true, message: '请选择新的完成时限' },
            {
              validator: async (_, value?: Dayjs) => {
                if (value && value.format('YYYY-MM-DD') <= item.dueDate) throw new Error('须晚于现完成时限');
              },
            },
          ]}
        >
          <DatePicker style={{ width: 200 }} disabledDate={(d) => d.format('YYYY-MM-DD') <= item.dueDate} />
        </Form.Item>
        <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请填写延期理由' }, { max: 2000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CompletionModal({ item, onClose, onDone }: { item: Item; onClose: () => void; onDone: (updated?: Item) => void }) {
  const [form] = Form.useForm<{ summary: string }>();
  const message = useToast();
  const idempotency = useIdempotencyKey();
  const [refusal, setRefusal] = useState<string | null>(null);
  const claim = useMutation({
    mutationFn: (body: { summary: string }) =>
      ok(
        api.POST('/items/{id}/completion', {
          params: { path: { id: item.id }, header: { 'Idempotency-Key': idempotency.keyFor(body) } },
          body,
        }),
      ),
    onSuccess: (updated) => {
      idempotency.done();
      onDone(updated);
      message.success('已申请办结，等待核查');
      onClose();
    },
    onError: (error) => setRefusal(messageOf(error)),
  });
  return (
    <Modal
      open
      title="申请办结"
      okText="提交办结申请"
      cancelText="取消"
      okButtonProps={{ loading: claim.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {refusal ? <Alert type="error" showIcon title={`申请未提交：${refusal}`} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setRefusal(null);
          claim.mutate({ summary: v.summary.trim() });
        }}
      >
        <Form.Item
          name="summary"
          label="办结情况"
          rules={[{ required: true, whitespace: true, message: '请说明办结情况' }, { max: 4000 }]}
          extra="说明完成了什么、效果如何；督查室将据此核查。"
        >
          <Input.TextArea rows={5} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
