/**
 * 撤销通报 (issue 12): a notice issued in error is withdrawn by the office, with a reason and a
 * confirmation — its units then owe nothing, it stops counting in the assessment, and they are
 * told. A withdrawn notice says so, with when and why.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { confirmThen } from '../confirm';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { keys } from '../../api/queries';
import { useSubmission } from '../../api/submission';
import type { Notice } from '../../api/types';
import { formatDateTime } from '../../format';
import { useToast } from '../Toast';

export function WithdrawNoticeButton({ notice }: { notice: Notice }) {
  const [open, setOpen] = useState(false);
  if (notice.withdrawn) return null;
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        撤销通报
      </Button>
      {open ? <WithdrawDialog notice={notice} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

export function WithdrawnBanner({ notice }: { notice: Notice }) {
  if (!notice.withdrawn) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={`此通报已撤销（${formatDateTime(notice.withdrawn.at)}）`}
      description={`撤销理由：${notice.withdrawn.reason}。被通报单位无须整改，此通报不计入考核。`}
    />
  );
}

function WithdrawDialog({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  // The hook's confirmations follow the console's ConfigProvider (its locale and button spacing); Modal.confirm would not.
  const [modal, confirmHolder] = Modal.useModal();
  const [form] = Form.useForm<{ reason: string }>();
  const queryClient = useQueryClient();
  const message = useToast();
  const withdraw = useSubmission({
    send: (body: { reason: string }, key) =>
      ok(api.POST('/notices/{id}/withdrawal', { params: { path: { id: notice.id }, header: { 'Idempotency-Key': key } }, body })),
    sent: (withdrawn) => {
      queryClient.setQueryData(keys.notice(notice.id), withdrawn);
      void queryClient.invalidateQueries({ queryKey: keys.notices });
      message.success('已撤销通报，已告知被通报单位');
      onClose();
    },
  });
  return (
    <Modal
      open
      title="撤销通报"
      okText="撤销"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: withdraw.pending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {withdraw.refusal ? <Alert type="error" showIcon title={`未撤销：${withdraw.refusal}`} style={{ marginBottom: 12 }} /> : null}
      {confirmHolder}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          confirmThen(
            modal,
            {
              title: '确认撤销此通报？',
              content: '撤销后被通报单位无须整改，此通报不再计入考核和累计通报次数，并通知被通报单位。撤销不能恢复。',
              okText: '确认撤销',
              danger: true,
            },
            () => withdraw.submit({ reason: v.reason.trim() }),
          )
        }
      >
        <Form.Item
          name="reason"
          label="撤销理由"
          extra="例如：通报对象有误。"
          rules={[{ required: true, whitespace: true, message: '请填写撤销理由' }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
