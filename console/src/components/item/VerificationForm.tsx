import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { useSubmission } from '../../api/submission';
import { keys } from '../../api/queries';
import type { Item, Verification } from '../../api/types';
import { verificationLabels } from '../../labels';
import { AttachmentUpload } from '../AttachmentUpload';
import { useToast } from '../Toast';

/** 核查: passed closes the item; failed returns it to the unit with the findings. */
export function VerificationForm({ item }: { item: Item }) {
  const [form] = Form.useForm<Verification>();
  const message = useToast();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const verify = useSubmission({
    send: (body: Verification, key) =>
      ok(api.POST('/items/{id}/verification', { params: { path: { id: item.id }, header: { 'Idempotency-Key': key } }, body })),
    sent: (updated) => {
      queryClient.setQueryData(keys.item(item.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.history(item.id) });
      void queryClient.invalidateQueries({ queryKey: keys.allItems });
      message.success(updated.status === 'closed' ? '核查通过，事项已办结' : '核查未通过，已退回责任单位继续办理');
    },
  });
  return (
    <Card title="核查" size="small" style={{ marginBottom: 16 }}>
      {verify.refusal ? <Alert type="error" showIcon title={`核查未提交：${verify.refusal}`} style={{ marginBottom: 12 }} /> : null}
      <Form<Verification>
        form={form}
        layout="vertical"
        initialValues={{ method: 'desk' }}
        onFinish={(values) => {
          verify.submit({ ...values, findings: values.findings.trim() });
        }}
      >
        <Form.Item name="method" label="核查方式" rules={[{ required: true }]}>
          <Radio.Group options={Object.entries(verificationLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="passed" label="核查结论" rules={[{ required: true, message: '请选择核查结论' }]}>
          <Radio.Group
            options={[
              { value: true, label: '通过，予以办结' },
              { value: false, label: '不通过，退回办理' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="findings"
          label="核查意见"
          rules={[{ required: true, whitespace: true, message: '请填写核查意见' }, { max: 4000 }]}
        >
          <Input.TextArea rows={3} placeholder="核查了什么、看到了什么" />
        </Form.Item>
        <Form.Item name="attachmentIds" label="附件" extra="核查照片、材料等（可选）">
          <AttachmentUpload onBusy={setUploading} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={verify.pending} disabled={uploading}>
          {uploading ? '附件上传中…' : '提交核查结论'}
        </Button>
      </Form>
    </Card>
  );
}
