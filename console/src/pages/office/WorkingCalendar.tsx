/**
 * 工作日历: the holidays and 调休 makeup days that deadlines in working days are counted by, year by year, and
 * whose arrangement is in effect (the one built in, or the office's entry). Each December, when the State Council
 * publishes next year's arrangement, the office enters it here (PUT /calendar/{year}); an entry replaces the
 * built-in one for its year. The API judges the entry; what it refuses is marked on the row typed.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Empty, Flex, Form, Input, Select, Spin, Table, Tag, Typography } from 'antd';
import { DATE_FORMATS, DateField } from '../../components/DateField';
import dayjs, { type Dayjs } from 'dayjs';
import '../../dayjs-zh';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, ok } from '../../api/client';
import { fieldErrorsOf, messageOf } from '../../api/errors';
import { calendarKey, useCalendarYear } from '../../api/queries';
import { useSubmission } from '../../api/submission';
import type { CalendarYear, CalendarYearEntry } from '../../api/types';
import { entryOf, type HolidayLine, holidayLines, MAX_HOLIDAY_DAYS, rangesOf, refusedFields } from '../../calendar-entry';
import { Problem } from '../../components/Problem';
import { useToast } from '../../components/Toast';
import { formatDateTime, today } from '../../format';

interface Values {
  holidays: { name: string; range?: [Dayjs | null, Dayjs | null] | null }[];
  makeupDays: { name: string; date?: Dayjs | null }[];
}

const day = (date: string) => `${dayjs(date).format('M月D日')}（${dayjs(date).format('ddd')}）`;
const asDate = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD') ?? '';

const thisYear = () => Number(today().slice(0, 4));

/** The year in the address (?year=2027), so a link or a reload keeps it; this year otherwise. */
function useYear(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2004 && asked <= 2100 ? asked : thisYear();
  return [year, (y) => setParams({ year: String(y) }, { replace: true })];
}

const sourceTags: Record<CalendarYear['source'], { color: string; text: string }> = {
  office: { color: 'blue', text: '督查室录入' },
  'chinese-days': { color: 'green', text: '内置数据（国务院公布的安排）' },
  none: { color: 'red', text: '尚未录入' },
};

export default function WorkingCalendar() {
  const [year, setYear] = useYear();
  const calendar = useCalendarYear(year);
  const [editing, setEditing] = useState(false);
  const years = Array.from({ length: 6 }, (_, i) => thisYear() - 3 + i);

  return (
    <>
      <div className="page-head">
        <h1 className="page-title">工作日历</h1>
        <Flex gap={8} align="center">
          <label htmlFor="calendar-year">年份</label>
          <Select
            id="calendar-year"
            value={year}
            style={{ width: 110 }}
            options={years.map((y) => ({ value: y, label: `${y} 年` }))}
            onChange={(y: number) => {
              setEditing(false);
              setYear(y);
            }}
          />
        </Flex>
      </div>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="每年12月，国务院办公厅公布下一年部分节假日安排后，请在此录入下一年的放假日期和调休上班日期。"
        description="按工作日计的完成时限（如“5个工作日内反馈”）据此推算：放假日不计，调休上班的周六、周日计入。尚未录入的年份，按工作日计的时限无法推算，将被拒绝。"
      />
      {calendar.isPending ? (
        <Spin />
      ) : calendar.isError ? (
        <Problem error={calendar.error} retry={() => void calendar.refetch()} />
      ) : editing ? (
        <CalendarForm year={year} current={calendar.data} onClose={() => setEditing(false)} />
      ) : (
        <YearCard view={calendar.data} onEdit={() => setEditing(true)} />
      )}
    </>
  );
}

function YearCard({ view, onEdit }: { view: CalendarYear; onEdit: () => void }) {
  const lines = holidayLines(view.holidays, view.makeupDays);
  const source = sourceTags[view.source];
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <span>{view.year} 年节假日安排</span>
          <Tag color={source.color}>{source.text}</Tag>
          {view.enteredAt ? <span className="secondary">录入于 {formatDateTime(view.enteredAt)}</span> : null}
        </Flex>
      }
      extra={
        <Button type={view.source === 'none' ? 'primary' : 'default'} onClick={onEdit}>
          {view.source === 'none' ? `录入 ${view.year} 年安排` : `修改 ${view.year} 年安排`}
        </Button>
      }
    >
      {view.source === 'none' ? (
        <Empty description={`${view.year} 年的节假日安排尚未录入：国务院办公厅公布后，点击“录入 ${view.year} 年安排”。`} />
      ) : (
        <Table<HolidayLine>
          rowKey={(l) => `${l.name}-${l.first}`}
          size="small"
          pagination={false}
          dataSource={lines}
          columns={[
            { title: '节日', dataIndex: 'name', width: 120 },
            {
              title: '放假',
              key: 'off',
              render: (_, l) => (l.days === 0 ? '—' : l.first === l.last ? day(l.first) : `${day(l.first)} 至 ${day(l.last)}`),
            },
            { title: '天数', dataIndex: 'days', width: 80, render: (d: number) => (d === 0 ? '—' : `${d} 天`) },
            {
              title: '调休上班',
              key: 'makeup',
              render: (_, l) => (l.makeupDays.length === 0 ? '—' : l.makeupDays.map(day).join('、')),
            },
          ]}
        />
      )}
      {view.source === 'chinese-days' ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          本年安排来自系统内置数据。如国务院办公厅的通知与此不同，可点击“修改”录入，录入后以督查室录入的为准。
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** The rows of the form from the year as it stands (the built-in arrangement, an earlier entry, or none). */
function initialValues(view: CalendarYear): Values {
  return {
    holidays: rangesOf(view.holidays).map((r) => ({ name: r.name, range: [dayjs(r.first), dayjs(r.last)] })),
    makeupDays: view.makeupDays.map((m) => ({ name: m.name, date: dayjs(m.date) })),
  };
}

function CalendarForm({ year, current, onClose }: { year: number; current: CalendarYear; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const message = useToast();
  const queryClient = useQueryClient();
  // Which row each day sent came from, to mark a refusal naming `holidays.5.date` on the row typed.
  const holidayRowOf = useRef<number[]>([]);
  const yearStart = dayjs(`${year}-01-01`);

  const save = useSubmission({
    send: (body: CalendarYearEntry) => ok(api.PUT('/calendar/{year}', { params: { path: { year: String(year) } }, body })),
    sent: (saved) => {
      queryClient.setQueryData(calendarKey(year), saved);
      message.success(`已保存 ${year} 年节假日安排：放假 ${saved.holidays.length} 天，调休上班 ${saved.makeupDays.length} 天`);
      onClose();
    },
    refusalOf: (error) => {
      const fields = refusedFields(fieldErrorsOf(error), holidayRowOf.current);
      form.setFields(fields);
      if (fields[0]) form.scrollToField(fields[0].name, { block: 'center' });
      return `${messageOf(error)}${fields.length > 0 ? '（已在相应栏目标出）' : ''}`;
    },
  });

  const submit = (values: Values) => {
    const { body, holidayRowOf: rows } = entryOf(
      values.holidays.map((h) => ({ name: h.name, first: asDate(h.range?.[0]), last: asDate(h.range?.[1]) })),
      values.makeupDays.map((m) => ({ name: m.name, date: asDate(m.date) })),
    );
    holidayRowOf.current = rows;
    save.submit(body);
  };

  return (
    <Card size="small" title={`录入 ${year} 年节假日安排`}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues(current)}
        onFinish={submit}
        onFinishFailed={() => save.refuse('请先完成标红的栏目')}
        style={{ maxWidth: 760 }}
      >
        {save.refusal ? <Alert type="error" showIcon title={`未保存：${save.refusal}`} style={{ marginBottom: 16 }} /> : null}
        {current.source === 'chinese-days' ? (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="下面是系统内置的安排。保存后，本年以督查室录入的安排为准。" />
        ) : null}
        <Typography.Title level={5}>放假（按通知逐个节日填写，含放假期间的周末）</Typography.Title>
        <Form.List
          name="holidays"
          rules={[
            {
              validator: async (_, value?: unknown[]) => {
                if (!value || value.length === 0) throw new Error('至少填写一个节日');
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item
                    name={[field.name, 'name']}
                    label={index === 0 ? '节日' : undefined}
                    rules={[{ required: true, whitespace: true, message: '请填写节日名称' }, { max: 20 }]}
                    style={{ width: 160 }}
                  >
                    <Input placeholder="例如：春节" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'range']}
                    label={index === 0 ? '放假日期（起止）' : undefined}
                    rules={[
                      { required: true, message: '请选择放假起止日期' },
                      {
                        validator: async (_, range?: [Dayjs | null, Dayjs | null] | null) => {
                          const [first, last] = range ?? [];
                          if (first && last && last.diff(first, 'day') + 1 > MAX_HOLIDAY_DAYS) {
                            throw new Error(`一个节日的假期不超过 ${MAX_HOLIDAY_DAYS} 天，请核对日期`);
                          }
                        },
                      },
                    ]}
                    style={{ width: 300 }}
                  >
                    <DatePicker.RangePicker
                      format={DATE_FORMATS}
                      style={{ width: '100%' }}
                      defaultPickerValue={[yearStart, yearStart]}
                      placeholder={['首日', '末日']}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    aria-label={`删除第 ${index + 1} 个节日`}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })} style={{ marginBottom: 24 }}>
                添加节日
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5}>调休上班（须上班的周六、周日）</Typography.Title>
        <Form.List name="makeupDays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item
                    name={[field.name, 'name']}
                    label={index === 0 ? '所属节日' : undefined}
                    rules={[{ required: true, whitespace: true, message: '请填写所属节日' }, { max: 20 }]}
                    style={{ width: 160 }}
                  >
                    <Input placeholder="例如：春节" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'date']}
                    label={index === 0 ? '上班日期' : undefined}
                    rules={[{ required: true, message: '请选择日期' }]}
                    style={{ width: 300 }}
                  >
                    <DateField style={{ width: '100%' }} defaultPickerValue={yearStart} />
                  </Form.Item>
                  <Button
                    type="text"
                    aria-label={`删除第 ${index + 1} 个调休上班日`}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })} style={{ marginBottom: 24 }}>
                添加调休上班日
              </Button>
            </>
          )}
        </Form.List>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.pending}>
            保存 {year} 年安排
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Flex>
      </Form>
    </Card>
  );
}
