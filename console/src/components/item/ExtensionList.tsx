import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, Modal, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useIdempotencyKey } from '../../api/idempotency';
import { keys, useExtensions, useUnitName } from '../../api/queries';
import type { ExtensionRequest } from '../../api/types';
import { dueRuleText } from '../../due';
import { formatDate, formatDateTime } from '../../format';
import { extensionStatusLabels, LEGACY_EXTENSION_NOTES } from '../../labels';
import { Problem } from '../Problem';
import { useToast } from '../Toast';

/** 延期申请 and their decisions; the office approves or rejects the pending one, with a note. */
export function ExtensionList({ itemId, canDecide }: { itemId: string; canDecide: boolean }) {
  const extensions = useExtensions(itemId);
  const unitName = useUnitName();
  const [deciding, setDeciding] = useState<{ request: ExtensionRequest; approve: boolean } | null>(null);

  let body: React.ReactNode;
  if (extensions.isPending) body = <Spin />;
  else if (extensions.isError) body = <Problem error={extensions.error} retry={() => void extensions.refetch()} />;
  else if (extensions.data.length === 0) body = <Empty description="没有延期申请" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  else
    body = (
      <Table<ExtensionRequest>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={extensions.data}
        columns={[
          { title: '申请时间', dataIndex: 'requestedAt', width: 140, render: (v: string) => formatDateTime(v) },
          { title: '单位', dataIndex: 'unitId', width: 140, render: (v: string) => unitName(v) },
          { title: '原完成时限', dataIndex: 'currentDueDate', width: 100, render: (v: string) => formatDate(v) },
          {
            title: '申请延至',
            dataIndex: 'newDueDate',
            width: 130,
            render: (v: string, r) =>
              r.newDueRule ? (
                <Tooltip title={dueRuleText(r.newDueRule)}>
                  <span>
                    {formatDate(v)}
                    <br />
                    <span className="secondary">（{r.newDueRule.workingDays} 个工作日）</span>
                  </span>
                </Tooltip>
              ) : (
                formatDate(v)
              ),
          },
          { title: '理由', dataIndex: 'reason' },
          {
            title: '审批',
            key: 'status',
            width: 220,
            render: (_, r) =>
              r.status === 'pending' && canDecide ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setDeciding({ request: r, approve: true })}>
                    批准
                  </Button>
                  <Button size="small" danger onClick={() => setDeciding({ request: r, approve: false })}>
                    不批准
                  </Button>
                </Space>
              ) : (
                <span>
                  <Tag color={r.status === 'approved' ? 'green' : r.status === 'pending' ? 'gold' : 'default'}>
                    {extensionStatusLabels[r.status]}
                  </Tag>
                  {extensionNote(r.note)}
                </span>
              ),
          },
        ]}
      />
    );

  return (
    <Card title="延期申请" size="small" style={{ marginBottom: 16 }}>
      {body}
      {deciding ? <DecisionModal itemId={itemId} {...deciding} onClose={() => setDeciding(null)} /> : null}
    </Card>
  );
}

function DecisionModal({
  itemId,
  request,
  approve,
  onClose,
}: {
  itemId: string;
  request: ExtensionRequest;
  approve: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ note: string }>();
  const message = useToast();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const decide = useMutation({
    mutationFn: (note: string) => {
      const body = { approve, note };
      return ok(
        api.POST('/items/{id}/extension-requests/{requestId}/decision', {
          params: { path: { id: itemId, requestId: request.id }, header: { 'Idempotency-Key': idempotency.keyFor(body) } },
          body,
        }),
      );
    },
    onSuccess: () => {
      idempotency.done();
      void queryClient.invalidateQueries({ queryKey: keys.item(itemId) });
      void queryClient.invalidateQueries({ queryKey: keys.allItems });
      message.success(approve ? `已批准延期至 ${request.newDueDate}` : '已驳回延期申请');
      onClose();
    },
    onError: (error) => message.error(`审批未成功：${messageOf(error)}`),
  });
  return (
    <Modal
      open
      title={approve ? `批准延期至 ${request.newDueDate}` : '不批准延期'}
      okText={approve ? '批准' : '不批准'}
      okButtonProps={{ danger: !approve, loading: decide.isPending }}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {approve && request.newDueRule ? (
        <Typography.Paragraph type="secondary">按工作日推算：{dueRuleText(request.newDueRule)}</Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => decide.mutate(v.note.trim())}>
        <Form.Item name="note" label="审批意见" rules={[{ required: true, whitespace: true, message: '请填写审批意见' }, { max: 2000 }]}>
          <Input.TextArea rows={3} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Requests withdrawn before the API wrote its reasons in Chinese say them in English: the clerk reads Chinese. */
const extensionNote = (note: string | undefined) => (note ? (LEGACY_EXTENSION_NOTES[note] ?? note) : '');
