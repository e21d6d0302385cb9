/**
 * 发布通报: name the units (and their items) criticised; each named unit then
 * owes a rectification report within 7 days. The items offered are the
 * named units' own, most urgent first.
 */
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Radio, Select, Switch } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, ok } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useSubmission } from '../../api/submission';
import { allPages, keys, useUnits } from '../../api/queries';
import type { Item, NoticeIssue } from '../../api/types';
import { markRefusedFields } from '../../components/formErrors';
import { lightLabels, noticeLevelLabels } from '../../labels';
import { byUrgency } from '../../light';
import { useToast } from '../../components/Toast';
import { responsibleUnitOptions } from '../../units';

const FIELDS = new Set(['level', 'unitIds', 'itemIds', 'reason', 'mediaExposure']);

export default function IssueNotice() {
  const [form] = Form.useForm<NoticeIssue>();
  const message = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const units = useUnits();
  const unitIds = Form.useWatch('unitIds', form) ?? [];
  const itemsOfUnits = useQueries({
    queries: unitIds.map((unit) => ({
      queryKey: [...keys.allItems, 'all', { unit }],
      queryFn: () => allPages<Item>((cursor) => ok(api.GET('/items', { params: { query: { unit, limit: 100, cursor } } }))),
    })),
  });
  const itemOptions = [...new Map(itemsOfUnits.flatMap((q) => q.data ?? []).map((i) => [i.id, i])).values()]
    .filter((i) => i.status !== 'closed')
    .sort(byUrgency)
    .map((i) => ({ value: i.id, label: `【${lightLabels[i.light]}】${i.title}（${i.lightReason}）` }));

  const issue = useSubmission({
    send: (body: NoticeIssue, key) => ok(api.POST('/notices', { body, params: { header: { 'Idempotency-Key': key } } })),
    sent: (notice) => {
      void queryClient.invalidateQueries({ queryKey: keys.notices });
      message.success(`已发布通报；被通报单位须于 ${notice.rectificationDue} 前提交整改报告`);
      navigate(`/office/notices/${encodeURIComponent(notice.id)}`);
    },
    refusalOf: (error) => {
      markRefusedFields(form, error, (name) => name.length === 1 && FIELDS.has(String(name[0])));
      return messageOf(error);
    },
  });

  return (
    <>
      <div className="page-head">
        <h1 className="page-title">发布通报</h1>
      </div>
      <Card>
        <Form<NoticeIssue>
          form={form}
          layout="vertical"
          initialValues={{ level: 'office', unitIds: [], itemIds: [], mediaExposure: false }}
          onFinish={(v) => {
            issue.submit({
              ...v,
              reason: v.reason.trim(),
              itemIds: (v.itemIds ?? []).filter((id) => itemOptions.some((o) => o.value === id)),
            });
          }}
          style={{ maxWidth: 860 }}
        >
          {issue.refusal ? <Alert type="error" showIcon title={`未发布：${issue.refusal}`} style={{ marginBottom: 16 }} /> : null}
          <Form.Item name="level" label="通报级别" rules={[{ required: true }]}>
            <Radio.Group options={Object.entries(noticeLevelLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="unitIds" label="被通报单位" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个单位' }]}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择单位"
              options={responsibleUnitOptions(units.data)}
            />
          </Form.Item>
          <Form.Item name="itemIds" label="涉及事项" extra={unitIds.length === 0 ? '先选择被通报单位，再从其未办结事项中选择' : undefined}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="可不选"
              disabled={unitIds.length === 0}
              loading={itemsOfUnits.some((q) => q.isPending)}
              options={itemOptions}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label="通报事由"
            rules={[{ required: true, whitespace: true, message: '请填写通报事由' }, { max: 4000 }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item name="mediaExposure" label="媒体曝光" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={issue.pending}>
              发布通报
            </Button>
            <Button onClick={() => navigate('/office/notices')}>取消</Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
