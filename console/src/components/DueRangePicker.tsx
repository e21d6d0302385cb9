/**
 * The board's due-date range, as a date picker: loaded only when someone
 * filters by deadline (the picker is a tenth of the board's code).
 */
import { DatePicker } from 'antd';
import { DATE_FORMATS } from './DateField';
import dayjs from 'dayjs';
import '../dayjs-zh';

export default function DueRangePicker({
  from,
  to,
  open,
  onChange,
}: {
  from?: string;
  to?: string;
  open?: boolean;
  onChange: (from: string | undefined, to: string | undefined) => void;
}) {
  return (
    <DatePicker.RangePicker
      format={DATE_FORMATS}
      aria-label="完成时限"
      placeholder={['完成时限起', '完成时限止']}
      style={{ width: 260 }}
      allowEmpty={[true, true]}
      defaultOpen={open}
      autoFocus={open}
      value={from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null}
      onChange={(range) => onChange(range?.[0]?.format('YYYY-MM-DD'), range?.[1]?.format('YYYY-MM-DD'))}
    />
  );
}
