/** 责任单位名册: the units items are assigned to, with their contacts; the office registers new ones. */
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ok } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useSubmission } from '../../api/submission';
import { keys, useOffices, useUnits } from '../../api/queries';
import type { Unit, UnitRegistration } from '../../api/types';
import { ContactTopicsButton } from '../../components/ContactTopics';
import { markRefusedFields } from '../../components/formErrors';
import { Problem } from '../../components/Problem';
import { formatDateTime } from '../../format';
import { unitKindLabels } from '../../labels';
import { editableContact } from '../../units';
import { useToast } from '../../components/Toast';
import { UnitHistoryButton } from '../../components/UnitHistory';

export default function UnitRoster() {
  const units = useUnits();
  const offices = useOffices();
  // The governments of this roster that have an office of their own (纵向到底): 汉滨区人民政府 → 汉滨区政府督查室.
  const officeOfUnit = new Map(
    (offices.data?.below ?? []).filter((o) => o.parentId === offices.data?.office.id && o.unitId).map((o) => [o.unitId as string, o.name]),
  );
  const [registering, setRegistering] = useState(false);
  const [editing, setEditing] = useState<Unit | null>(null);
  if (units.isError) return <Problem error={units.error} retry={() => void units.refetch()} />;
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">责任单位</h1>
        <Flex gap={8}>
          <Link to="/office/units/import">
            <Button>导入单位名册</Button>
          </Link>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
            登记单位
          </Button>
        </Flex>
      </div>
      <Table<Unit>
        rowKey="id"
        size="middle"
        loading={units.isFetching}
        dataSource={units.data ?? []}
        pagination={(units.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: units.isPending ? ' ' : <Empty description="名册中还没有单位。立项派发前，请先登记责任单位及其联系人。" /> }}
        columns={[
          {
            title: '单位',
            dataIndex: 'name',
            render: (name: string, unit) => (
              <>
                {name}
                {officeOfUnit.has(unit.id) ? (
                  <Tag color="purple" className="unit-office">
                    下级督查机构：{officeOfUnit.get(unit.id)}
                  </Tag>
                ) : null}
                {unit.shortName || unit.aliases?.length ? (
                  <div className="unit-names">
                    {[unit.shortName ? `简称：${unit.shortName}` : '', unit.aliases?.length ? `别名：${unit.aliases.join('、')}` : '']
                      .filter(Boolean)
                      .join('；')}
                  </div>
                ) : null}
              </>
            ),
          },
          { title: '类别', dataIndex: 'kind', width: 120, render: (k: Unit['kind']) => <Tag>{unitKindLabels[k]}</Tag> },
          {
            title: '联系人',
            dataIndex: 'contacts',
            // The office always gets them; the schema makes them optional because a unit's token does not.
            render: (contacts: Unit['contacts']) =>
              (contacts ?? []).map((c) => (
                <div key={c.email}>
                  {c.role === 'head' ? '负责人' : '联络员'} {c.name} <Typography.Text type="secondary">{c.email}</Typography.Text>
                  {c.undeliverable ? (
                    <Tag
                      color="red"
                      style={{ marginLeft: 8 }}
                      title={c.undeliverableSince ? `${formatDateTime(c.undeliverableSince)} 起退信` : undefined}
                    >
                      无法送达
                    </Tag>
                  ) : null}
                </div>
              )),
          },
          { title: '邮件', key: 'topics', width: 100, render: (_, unit) => <ContactTopicsButton unit={unit} /> },
          {
            title: '',
            key: 'edit',
            width: 130,
            render: (_, unit) => (
              <Flex gap={4}>
                <Button size="small" onClick={() => setEditing(unit)} aria-label={`修改${unit.name}`}>
                  修改
                </Button>
                <UnitHistoryButton unit={unit} />
              </Flex>
            ),
          },
        ]}
      />
      {registering ? <RegisterUnitModal onClose={() => setRegistering(false)} /> : null}
      {editing ? <EditUnitModal unit={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

const FIELDS = new Set(['name', 'kind', 'contacts']);

/** A registration as the form holds it: the 单位编码 is left to the API, which numbers the unit (0001, 0002…). */
type UnitForm = Omit<UnitRegistration, 'id'>;

/** The form's contacts with a name or an address typed: both then are needed (a half-filled row is asked about, not dropped). */
const typedContacts = <C extends { name?: string; email?: string }>(contacts: C[] | undefined) =>
  (contacts ?? []).filter((c) => c.name?.trim() || c.email?.trim());

function RegisterUnitModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<UnitForm>();
  const message = useToast();
  const queryClient = useQueryClient();
  const register = useSubmission({
    send: (body: UnitRegistration, key) => ok(api.POST('/units', { body, params: { header: { 'Idempotency-Key': key } } })),
    sent: (unit) => {
      void queryClient.invalidateQueries({ queryKey: keys.units });
      message.success(`已登记：${unit.name}（单位编码 ${unit.id}）`);
      onClose();
    },
    refusalOf: (error) => {
      markRefusedFields(
        form,
        error,
        (name) => (name.length === 1 && FIELDS.has(String(name[0]))) || (name.length === 3 && name[0] === 'contacts'),
      );
      return messageOf(error);
    },
  });
  return (
    <Modal
      open
      width={760}
      title="登记责任单位"
      okText="登记"
      cancelText="取消"
      okButtonProps={{ loading: register.pending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {register.refusal ? <Alert type="error" showIcon title={`未登记：${register.refusal}`} style={{ marginBottom: 12 }} /> : null}
      <Form<UnitForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'department', contacts: [{ role: 'head' }, { role: 'liaison' }] }}
        onFinish={(v) => {
          register.submit({
            name: v.name.trim(),
            kind: v.kind,
            contacts: typedContacts(v.contacts).map((c) => ({ role: c.role, name: c.name.trim(), email: c.email.trim() })),
          });
        }}
      >
        <Flex gap={12}>
          <Form.Item
            name="name"
            label="单位名称"
            extra="单位编码由系统自动编号，登记后在名册中可见"
            rules={[
              { required: true, whitespace: true, message: '请填写单位名称' },
              { max: 100, message: '单位名称最多 100 个字' },
            ]}
            style={{ flex: 1 }}
          >
            <Input />
          </Form.Item>
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]} style={{ width: 150 }}>
            <Select options={Object.entries(unitKindLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Flex>
        <ContactRows />
      </Form>
    </Modal>
  );
}

const contactRoleOptions = [
  { value: 'head', label: '负责人' },
  { value: 'liaison', label: '联络员' },
];

/**
 * The contacts of a unit, one row each: 身份 (负责人 / 联络员, sent as the API's head / liaison), 姓名 and 电子邮箱.
 * A row with only one of name and address is refused on the field; an empty row is left out.
 */
/** A contact's name and email go together: each is required once the other of its row is typed. */
const filledWith =
  (row: number, other: 'name' | 'email', message: string) =>
  ({ getFieldValue }: { getFieldValue: (path: (string | number)[]) => string | undefined }) => ({
    validator: (_: unknown, value?: string) =>
      value?.trim() || !getFieldValue(['contacts', row, other])?.trim() ? Promise.resolve() : Promise.reject(new Error(message)),
  });

function ContactRows() {
  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Flex key={field.key} gap={12} align="end">
              <Form.Item
                name={[field.name, 'role']}
                label="身份"
                rules={[{ required: true, message: '请选择身份' }]}
                style={{ width: 110 }}
              >
                <Select options={contactRoleOptions} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'name']}
                label="姓名"
                dependencies={[['contacts', field.name, 'email']]}
                rules={[filledWith(field.name, 'email', '请填写姓名'), { max: 50, message: '姓名最多 50 个字' }]}
                style={{ width: 150 }}
              >
                <Input />
              </Form.Item>
              <Form.Item
                name={[field.name, 'email']}
                label="电子邮箱"
                dependencies={[['contacts', field.name, 'name']]}
                rules={[
                  { type: 'email', message: '邮箱格式不对，如 liaison@example.gov.cn' },
                  filledWith(field.name, 'name', '请填写电子邮箱'),
                ]}
                style={{ flex: 1 }}
              >
                <Input />
              </Form.Item>
              <Form.Item>
                <Button onClick={() => remove(field.name)}>删除</Button>
              </Form.Item>
            </Flex>
          ))}
          <Button onClick={() => add({ role: 'liaison' })}>添加联系人</Button>
        </>
      )}
    </Form.List>
  );
}

type ContactView = NonNullable<Unit['contacts']>[number];
/** The form holds contacts as read (无法送达 included); what is sent leaves that out. */
type UnitEdit = Pick<Unit, 'name' | 'kind' | 'aliases'> & {
  /** null clears the 简称. */
  shortName?: string | null;
  contacts: (Omit<ContactView, 'undeliverable' | 'undeliverableSince'> &
    Partial<Pick<ContactView, 'undeliverable' | 'undeliverableSince'>>)[];
};

/**
 * 修改单位: name, kind and contacts, sent with If-Match (the version read). The change is recorded before → after
 * in the unit's history (GET /units/{unitId}/history); the next reminders go to the new contacts.
 */
function EditUnitModal({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const [form] = Form.useForm<UnitEdit>();
  const message = useToast();
  const queryClient = useQueryClient();
  const edit = useSubmission({
    send: (body: UnitEdit, key) =>
      ok(
        api.PATCH('/units/{unitId}', {
          params: { path: { unitId: unit.id }, header: { 'Idempotency-Key': key, 'If-Match': `"${unit.version}"` } },
          body,
        }),
      ),
    sent: (updated) => {
      void queryClient.invalidateQueries({ queryKey: keys.units });
      message.success(`已修改：${updated.name}（修改前后的内容已记录）`);
      onClose();
    },
  });
  return (
    <Modal
      open
      width={720}
      title={`修改单位：${unit.name}`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: edit.pending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {edit.refusal ? <Alert type="error" showIcon title={`未保存：${edit.refusal}`} style={{ marginBottom: 12 }} /> : null}
      <Form<UnitEdit>
        form={form}
        layout="vertical"
        initialValues={{
          name: unit.name,
          shortName: unit.shortName,
          aliases: unit.aliases ?? [],
          kind: unit.kind,
          contacts: unit.contacts ?? [],
        }}
        onFinish={(v) =>
          edit.submit({
            name: v.name.trim(),
            // 简称 cleared: null removes it; never sent when the unit had none and none is given.
            ...(v.shortName?.trim() ? { shortName: v.shortName.trim() } : unit.shortName ? { shortName: null } : {}),
            aliases: [...new Set((v.aliases ?? []).map((a) => a.trim()).filter(Boolean))],
            kind: v.kind,
            contacts: (v.contacts ?? [])
              .filter((c) => c.name?.trim() && c.email?.trim())
              .map(editableContact)
              .map((c) => ({
                ...c,
                name: c.name.trim(),
                email: c.email.trim(),
                ...(c.leaderId ? { leaderId: c.leaderId } : {}),
              })),
          })
        }
      >
        <Flex gap={12}>
          <Form.Item
            name="name"
            label="单位名称"
            rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}
            style={{ flex: 1 }}
          >
            <Input />
          </Form.Item>
          <Form.Item name="kind" label="类别" style={{ width: 150 }}>
            <Select options={Object.entries(unitKindLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="shortName" label="简称" style={{ width: 200 }} extra="导入台账时按简称识别，如“市发改委”">
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="aliases" label="别名" style={{ flex: 1 }} extra="其他常用叫法，输入后回车；导入时确认的名称会自动记入">
            <Select mode="tags" open={false} tokenSeparators={['、', '，', ',']} />
          </Form.Item>
        </Flex>
        <ContactRows />
      </Form>
    </Modal>
  );
}
