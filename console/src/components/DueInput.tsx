/**
 * 完成时限 as a date or as N working days (工作日): one form control, so the form's field (and the API's refusal
 * naming `dueDate`) stays one. The field's id goes to the input showing, so a label and a test find it.
 */
import { Flex, InputNumber, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { DueChoice } from '../due';
import { DateField } from './DateField';

export function DueInput({
  id,
  value = { mode: 'date' },
  onChange,
  disabledDate,
  disabledReason,
  countedFrom,
}: {
  id?: string;
  value?: DueChoice;
  onChange?: (value: DueChoice) => void;
  disabledDate?: (day: Dayjs) => boolean;
  /** Why a date disabledDate refuses is refused, said under the field when one is typed. */
  disabledReason?: string;
  /** From when working days count, in words: 立项次日 / 现完成时限次日. */
  countedFrom: string;
}) {
  return (
    <Flex vertical gap={6}>
      <Radio.Group
        size="small"
        optionType="button"
        value={value.mode}
        onChange={(e) => onChange?.({ mode: e.target.value })}
        options={[
          { value: 'date', label: '指定日期' },
          { value: 'workingDays', label: '工作日' },
        ]}
        aria-label="完成时限的给法"
      />
      {value.mode === 'date' ? (
        <DateField
          id={id}
          style={{ width: '100%' }}
          value={value.date ? dayjs(value.date) : null}
          disabledDate={disabledDate}
          disabledReason={disabledReason}
          onChange={(picked) => {
            const day = picked as Dayjs | null;
            onChange?.({ mode: 'date', date: day ? day.format('YYYY-MM-DD') : undefined });
          }}
        />
      ) : (
        <>
          <Flex align="center" gap={6}>
            <InputNumber
              id={id}
              min={1}
              max={250}
              precision={0}
              style={{ width: 90 }}
              value={value.days ?? null}
              onChange={(days) => onChange?.({ mode: 'workingDays', days: typeof days === 'number' ? days : null })}
            />
            <span>个工作日</span>
          </Flex>
          <span className="secondary">{countedFrom}起算；节假日不计，调休上班日计入</span>
        </>
      )}
    </Flex>
  );
}
