/**
 * 立项派发: the office registers an item and dispatches it to its units.
 * The API is the judge of the rules (deadline not past, milestones within
 * it, units registered); what it refuses is marked on the fields, and what
 * was typed stays.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { DateField } from '../../components/DateField';
import { useLeaveGuard } from '../../components/LeaveGuard';
import type { Dayjs } from 'dayjs';
import '../../dayjs-zh';
import { useNavigate } from 'react-router-dom';
import { api, ok } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useSubmission } from '../../api/submission';
import { keys, useLeaders, useUnits } from '../../api/queries';
import type { ItemRegistration, Source } from '../../api/types';
import { DueInput } from '../../components/DueInput';
import { markRefusedFields } from '../../components/formErrors';
import { type DueChoice, dueChoiceProblem, dueInputOf } from '../../due';
import { today } from '../../format';
import { sourceLabels } from '../../labels';
import { useToast } from '../../components/Toast';
import { responsibleUnitOptions } from '../../units';

interface Values {
  title: string;
  source: Source;
  sourceRef: string;
  description?: string;
  leadUnit: string;
  coUnits?: string[];
  leaderInCharge?: string;
  dueDate: DueChoice;
  requirements: string[];
  projectType?: boolean;
  reportEveryDays?: number | null;
  milestones?: { title: string; dueDate?: Dayjs }[];
}

const SCALAR_FIELDS = new Set([
  'title',
  'source',
  'sourceRef',
  'description',
  'leadUnit',
  'coUnits',
  'leaderInCharge',
  'dueDate',
  'requirements',
  'projectType',
  'reportEveryDays',
  'milestones',
]);
const isField = (name: (string | number)[]) =>
  (name.length === 1 && SCALAR_FIELDS.has(String(name[0]))) ||
  (name.length === 2 && name[0] === 'requirements' && typeof name[1] === 'number') ||
  (name.length === 3 && name[0] === 'milestones' && typeof name[1] === 'number' && (name[2] === 'title' || name[2] === 'dueDate'));

const asDate = (value: Dayjs | undefined) => value?.format('YYYY-MM-DD') ?? '';

export function registrationOf(values: Values): ItemRegistration {
  return {
    title: values.title.trim(),
    source: values.source,
    sourceRef: values.sourceRef.trim(),
    description: values.description?.trim() ?? '',
    leadUnit: values.leadUnit,
    coUnits: values.coUnits ?? [],
    ...(values.leaderInCharge ? { leaderInCharge: values.leaderInCharge } : {}),
    dueDate: dueInputOf(values.dueDate) ?? '',
    requirements: values.requirements.map((r) => r.trim()),
    projectType: values.projectType ?? false,
    ...(values.reportEveryDays ? { reportEveryDays: values.reportEveryDays } : {}),
    milestones: (values.milestones ?? []).map((m) => ({ title: m.title.trim(), dueDate: asDate(m.dueDate) })),
  };
}

export default function RegisterItem() {
  const [form] = Form.useForm<Values>();
  const message = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const units = useUnits();
  const leaders = useLeaders();
  const leadUnit = Form.useWatch('leadUnit', form);
  // Leaving a half-filled registration asks first; the item's own page, once registered, does not.
  const leave = useLeaveGuard();

  const register = useSubmission({
    send: (body: ItemRegistration, key) => ok(api.POST('/items', { body, params: { header: { 'Idempotency-Key': key } } })),
    sent: (item) => {
      void queryClient.invalidateQueries({ queryKey: keys.allItems });
      message.success(`已立项并派发：${item.title}`);
      leave.release();
      navigate(`/office/items/${encodeURIComponent(item.id)}`);
    },
    refusalOf: (error) => {
      const marked = markRefusedFields(form, error, isField);
      return `${messageOf(error)}${marked > 0 ? '（已在相应栏目标出）' : ''}`;
    },
  });

  const unitOptions = responsibleUnitOptions(units.data);

  return (
    <>
      {leave.holder}
      <div className="page-head">
        <h1 className="page-title">立项派发</h1>
      </div>
      <Card>
        <Form<Values>
          form={form}
          onValuesChange={leave.touched}
          layout="vertical"
          requiredMark
          initialValues={{ requirements: [''], projectType: false, coUnits: [], milestones: [], dueDate: { mode: 'date' } }}
          onFinish={(values) => {
            register.submit(registrationOf(values));
          }}
          onFinishFailed={() => register.refuse('请先完成标红的栏目')}
          style={{ maxWidth: 860 }}
        >
          {register.refusal ? <Alert type="error" showIcon title={`未能立项：${register.refusal}`} style={{ marginBottom: 16 }} /> : null}
          <Form.Item name="title" label="事项名称" rules={[{ required: true, whitespace: true, message: '请填写事项名称' }, { max: 200 }]}>
            <Input placeholder="例如：完成城区供水管网改造" />
          </Form.Item>
          <Flex gap={16}>
            <Form.Item name="source" label="来源" rules={[{ required: true, message: '请选择来源' }]} style={{ width: 220 }}>
              <Select placeholder="选择来源" options={Object.entries(sourceLabels).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item
              name="sourceRef"
              label="来源文号"
              rules={[{ required: true, whitespace: true, message: '请填写来源文号' }, { max: 100 }]}
              style={{ flex: 1 }}
            >
              <Input placeholder="例如：安政办发〔2014〕134号" />
            </Form.Item>
          </Flex>
          <Form.Item name="description" label="事项内容" rules={[{ max: 4000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Flex gap={16}>
            <Form.Item name="leadUnit" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]} style={{ width: 300 }}>
              <Select
                placeholder={unitOptions.length === 0 ? '单位名册为空：请先登记责任单位' : '选择牵头单位'}
                showSearch={{ optionFilterProp: 'label' }}
                options={unitOptions}
                loading={units.isPending}
              />
            </Form.Item>
            <Form.Item name="coUnits" label="协办单位" style={{ flex: 1 }}>
              <Select
                mode="multiple"
                placeholder="可不选"
                showSearch={{ optionFilterProp: 'label' }}
                options={unitOptions.filter((o) => o.value !== leadUnit)}
              />
            </Form.Item>
            <Form.Item name="leaderInCharge" label="分管领导" style={{ width: 180 }}>
              <Select placeholder={leaders.options.length === 0 ? '名册中没有领导' : '可不选'} allowClear options={leaders.options} />
            </Form.Item>
          </Flex>
          <Flex gap={16}>
            <Form.Item
              name="dueDate"
              label="完成时限"
              required
              rules={[
                {
                  validator: async (_, value?: DueChoice) => {
                    const problem = dueChoiceProblem(value);
                    if (problem) throw new Error(problem);
                  },
                },
              ]}
              tooltip="领导批示件常限“N个工作日内反馈”：选“工作日”，保存后按节假日和调休推算出日期"
              style={{ width: 280 }}
            >
              <DueInput
                countedFrom="立项次日"
                disabledDate={(d) => d.format('YYYY-MM-DD') < today()}
                disabledReason="完成时限不能早于今天"
              />
            </Form.Item>
            <Form.Item
              name="reportEveryDays"
              label="报送周期（天）"
              tooltip="每隔多少天须报送一次进展；不填则只在节点报送"
              style={{ width: 180 }}
            >
              <InputNumber min={1} max={90} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="projectType" label="项目类事项" valuePropName="checked" tooltip="项目类事项报送时须填写投资完成额和工作量">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Flex>

          <Typography.Title level={5}>督办要求（每次报送须逐项回答）</Typography.Title>
          <Form.List
            name="requirements"
            rules={[
              {
                validator: async (_, value?: string[]) => {
                  if (!value || value.length === 0) throw new Error('至少填写一项督办要求');
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="baseline">
                    <Form.Item
                      name={field.name}
                      label={`要求 ${index + 1}`}
                      rules={[{ required: true, whitespace: true, message: '请填写或删除此项' }, { max: 1000 }]}
                      style={{ flex: 1 }}
                    >
                      <Input />
                    </Form.Item>
                    {fields.length > 1 ? (
                      <Button
                        type="text"
                        aria-label={`删除要求 ${index + 1}`}
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                      />
                    ) : null}
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add('')}
                  disabled={fields.length >= 30}
                  style={{ marginBottom: 16 }}
                >
                  添加督办要求
                </Button>
              </>
            )}
          </Form.List>

          <Typography.Title level={5}>时间节点（可不填）</Typography.Title>
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="baseline">
                    <Form.Item
                      name={[field.name, 'title']}
                      label={`节点 ${index + 1}`}
                      rules={[{ required: true, whitespace: true, message: '请填写节点内容' }, { max: 200 }]}
                      style={{ flex: 1 }}
                    >
                      <Input placeholder="例如：完成施工招标" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'dueDate']}
                      label="节点日期"
                      rules={[{ required: true, message: '请选择日期' }]}
                      style={{ width: 200 }}
                    >
                      <DateField style={{ width: '100%' }} />
                    </Form.Item>
                    <Button
                      type="text"
                      aria-label={`删除节点 ${index + 1}`}
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '' })} style={{ marginBottom: 24 }}>
                  添加时间节点
                </Button>
              </>
            )}
          </Form.List>

          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={register.pending}>
              立项并派发
            </Button>
            <Button onClick={() => navigate('/office/board')}>取消</Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
