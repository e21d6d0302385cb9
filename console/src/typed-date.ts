/**
 * Dates as people type them (2027-03-31, 2027/3/31, 2027年3月31日, 20270331, 2027.3.31) and why a typed text is no
 * date: the date fields' parsing (components/DateField.tsx), kept apart from antd so it is tested in node.
 */
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

/** The first is how a date is shown; every one is how it may be typed. */
export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'YYYY-M-D',
  'YYYY/M/D',
  'YYYY/MM/DD',
  'YYYY年M月D日',
  'YYYY年MM月DD日',
  'YYYYMMDD',
  'YYYY.M.D',
  'YYYY.MM.DD',
];

/** What a typed text means: a date, or why it is none (null for an empty text). */
export function readTypedDate(
  text: string,
  disabledDate?: (day: Dayjs) => boolean,
  disabledReason = '该日期不可选',
): Dayjs | string | null {
  const typed = text.trim().replace(/\s+/g, '');
  if (typed === '') return null;
  const day = DATE_FORMATS.map((f) => dayjs(typed, f, true)).find((d) => d.isValid());
  if (!day) return `无法识别“${text.trim()}”：请写成 2027-03-31、2027/3/31、2027年3月31日 或 20270331，且须是真实存在的日期`;
  if (disabledDate?.(day)) return `${day.format('YYYY-MM-DD')}：${disabledReason}`;
  return day;
}
