/**
 * 移送监察机关: the referrals recorded (confidential: the office and the
 * leaders only; units never see them) and the form to record one.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Form, Input, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ok } from '../../api/client';
import { useSubmission } from '../../api/submission';
import { allPages, keys, useReferrals, useUnitName, useUnits } from '../../api/queries';
import type { Item, Referral, ReferralSubmission } from '../../api/types';
import { Problem } from '../../components/Problem';
import { formatDateTime } from '../../format';
import { useToast } from '../../components/Toast';
import { responsibleUnitOptions } from '../../units';

export default function Referrals() {
  const referrals = useReferrals();
  const unitName = useUnitName();
  const [recording, setRecording] = useState(false);
  if (referrals.isError) return <Problem error={referrals.error} retry={() => void referrals.refetch()} />;
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">移送监察机关</h1>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
          登记移送
        </Button>
      </div>
      <Alert type="warning" showIcon title="移送信息保密：仅督查室和领导可见，责任单位看不到。" style={{ marginBottom: 12 }} />
      <Table<Referral>
        rowKey="id"
        size="middle"
        loading={referrals.isFetching}
        dataSource={referrals.data ?? []}
        pagination={false}
        locale={{
          emptyText: referrals.isPending ? (
            ' '
          ) : (
            <Empty description="还没有移送记录。对整改不力、屡次通报的单位，可在此登记移送监察机关的问题线索。" />
          ),
        }}
        columns={[
          { title: '移送时间', dataIndex: 'referredAt', width: 150, render: (v: string) => formatDateTime(v) },
          { title: '单位', dataIndex: 'unitId', width: 180, render: (v: string) => unitName(v) },
          {
            title: '事项',
            dataIndex: 'itemId',
            width: 200,
            render: (v?: string) => (v ? <Link to={`/office/items/${encodeURIComponent(v)}`}>{v}</Link> : '—'),
          },
          { title: '问题线索', dataIndex: 'clue' },
        ]}
      />
      {recording ? <ReferralModal onClose={() => setRecording(false)} /> : null}
    </>
  );
}

function ReferralModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<ReferralSubmission>();
  const message = useToast();
  const queryClient = useQueryClient();
  const units = useUnits();
  const unit = Form.useWatch('unitId', form);
  const items = useQuery({
    queryKey: [...keys.allItems, 'all', { unit }],
    queryFn: () => allPages<Item>((cursor) => ok(api.GET('/items', { params: { query: { unit, limit: 100, cursor } } }))),
    enabled: Boolean(unit),
  });
  const record = useSubmission({
    send: (body: ReferralSubmission, key) => ok(api.POST('/referrals', { body, params: { header: { 'Idempotency-Key': key } } })),
    sent: () => {
      void queryClient.invalidateQueries({ queryKey: keys.referrals });
      message.success('已登记移送');
      onClose();
    },
  });
  return (
    <Modal
      open
      title="登记移送监察机关"
      okText="登记"
      cancelText="取消"
      okButtonProps={{ loading: record.pending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {record.refusal ? <Alert type="error" showIcon title={`未登记：${record.refusal}`} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          record.submit({ unitId: v.unitId, clue: v.clue.trim(), ...(v.itemId ? { itemId: v.itemId } : {}) });
        }}
      >
        <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={responsibleUnitOptions(units.data)}
            onChange={() => form.setFieldValue('itemId', undefined)}
          />
        </Form.Item>
        <Form.Item name="itemId" label="涉及事项（可不选）">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!unit}
            loading={items.isFetching}
            options={(items.data ?? []).map((i) => ({ value: i.id, label: i.title }))}
          />
        </Form.Item>
        <Form.Item name="clue" label="问题线索" rules={[{ required: true, whitespace: true, message: '请填写问题线索' }, { max: 4000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
