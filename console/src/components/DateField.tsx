/**
 * A date picker that takes a date as people type it — 2027-03-31, 2027/3/31, 2027年3月31日, 20270331, 2027.3.31 —
 * and, when it cannot take what was typed, says why beneath it (the picker itself would silently drop the text).
 * Shown as 2027-03-31, like every date of the console.
 */
import { DatePicker, type DatePickerProps, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { type FocusEvent, useState } from 'react';
import '../dayjs-zh';
import { DATE_FORMATS, readTypedDate } from '../typed-date';

export { DATE_FORMATS };

export function DateField({ disabledReason, onBlur, ...props }: DatePickerProps & { disabledReason?: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  const checkTyped = (event: FocusEvent<HTMLElement>) => {
    const text = (event.target as HTMLInputElement).value ?? '';
    const read = readTypedDate(text, props.disabledDate as ((d: Dayjs) => boolean) | undefined, disabledReason);
    setProblem(typeof read === 'string' ? read : null);
    onBlur?.(event as never, {} as never);
  };
  return (
    <>
      <DatePicker
        format={DATE_FORMATS}
        placeholder="如 2027-03-31"
        {...props}
        status={problem ? 'error' : props.status}
        onBlur={checkTyped}
        onChange={(day, text) => {
          setProblem(null);
          props.onChange?.(day, text);
        }}
      />
      {problem ? (
        <Typography.Text type="danger" className="date-problem" role="alert">
          {problem}
        </Typography.Text>
      ) : null}
    </>
  );
}
