import { shanghaiDate, type CalendarDate } from './calendar';
import type { Item } from './items';
import { lightOf, lightReasonOf, type Light } from './light';
import { sourceLabels, statusLabels, lightLabels } from './mail';

/**
 * A cell of the ledger, typed: the CSV writes each as text (dates ISO), the workbook as what Excel can sort and
 * filter — a number as a number, a date as a date cell, a minute as a date-time cell.
 */
export type SheetCell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: CalendarDate }
  /** A Shanghai wall-clock minute, `2026-11-26 14:05`. */
  | { kind: 'minute'; minute: string };

const text = (value: string): SheetCell => ({ kind: 'text', text: value });

/** What one row is made from: the item, its place in the sheet, its light as of `today`, and the units' names. */
interface RowSource {
  item: Item;
  number: number;
  light: Light;
  today: CalendarDate;
  unitName: (id: string) => string;
  /** 分管领导 by name (a leaderId of the roster); empty for an item in no leader's portfolio. */
  leaderName: (leaderId: string) => string;
}

/** A column of the 督查台账: its header, its width in the workbook (characters), and its cell. */
export interface LedgerColumn {
  header: string;
  width: number;
  /** Long text: wrapped in the workbook, so the row grows rather than the column. */
  wrap?: boolean;
  cell: (row: RowSource) => SheetCell;
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 2026-11-26 14:05, in Asia/Shanghai. */
export function shanghaiMinute(iso: string): string {
  const at = new Date(iso);
  return `${shanghaiDate(at)} ${new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16)}`;
}

/** 督办要求, one per line: the import (ledger-import.ts) splits them on line breaks again. */
export const REQUIREMENT_SEPARATOR = '\n';

/**
 * 进展: the latest reported percentage as a number. A closed item shows 已办结 with the day verification closed
 * it (a last report's "35%" would say it is a third done), a withdrawn one 已撤销, one never reported 未报送.
 */
function progressCell(item: Item): SheetCell {
  if (item.status === 'closed') {
    const closedAt = item.lastVerification?.passed ? item.lastVerification.at : item.updatedAt;
    return text(`${statusLabels.closed}（${shanghaiDate(new Date(closedAt))}）`);
  }
  if (item.status === 'withdrawn') return text(statusLabels.withdrawn);
  return item.percentComplete === undefined ? text('未报送') : { kind: 'number', value: item.percentComplete };
}

/**
 * 督查台账 as the office prints it: these columns, in this order, for the CSV and the workbook alike. The first
 * eight are those the import reads (ledger-import.ts importColumns), so an exported file imports again.
 */
export const ledgerSheet: readonly LedgerColumn[] = [
  { header: '序号', width: 6, cell: ({ number }) => ({ kind: 'number', value: number }) },
  { header: '督查事项', width: 40, wrap: true, cell: ({ item }) => text(item.title) },
  { header: '来源', width: 16, wrap: true, cell: ({ item }) => text(sourceLabels[item.source]) },
  { header: '文号', width: 20, wrap: true, cell: ({ item }) => text(item.sourceRef) },
  { header: '牵头单位', width: 18, wrap: true, cell: ({ item, unitName }) => text(unitName(item.leadUnit)) },
  { header: '协办单位', width: 22, wrap: true, cell: ({ item, unitName }) => text(item.coUnits.map(unitName).join('、')) },
  { header: '完成时限', width: 12, cell: ({ item }) => ({ kind: 'date', date: item.dueDate }) },
  { header: '督办要求', width: 30, wrap: true, cell: ({ item }) => text(item.requirements.join(REQUIREMENT_SEPARATOR)) },
  { header: '状态', width: 10, cell: ({ item }) => text(statusLabels[item.status]) },
  { header: '进展（%）', width: 16, cell: ({ item }) => progressCell(item) },
  { header: '红黄绿灯', width: 9, cell: ({ light }) => text(lightLabels[light]) },
  // The light's own sentence (light.ts), so the sheet says why a row is red as the API and the emails do.
  { header: '亮灯原因', width: 36, wrap: true, cell: ({ item, today }) => text(lightReasonOf(item, today)) },
  {
    header: '最近报送',
    width: 17,
    cell: ({ item }) => (item.lastReportAt ? { kind: 'minute', minute: shanghaiMinute(item.lastReportAt) } : text('未报送')),
  },
  { header: '分管领导', width: 10, cell: ({ item, leaderName }) => text(item.leaderInCharge ? leaderName(item.leaderInCharge) : '') },
];

export const ledgerColumns = ledgerSheet.map((column) => column.header);

export interface LedgerRow {
  /** One cell per column of ledgerSheet. */
  cells: SheetCell[];
  light: Light;
}

/** A cell as the CSV writes it: numbers in figures, dates ISO (2026-12-31), a minute as 2026-11-26 14:05. */
export function cellText(cell: SheetCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.date;
    case 'minute':
      return cell.minute;
  }
}

/** The ledger's rows for these items, in their order, numbered from 1, with units by name and the light as of `today`. */
export function ledgerRows(
  items: readonly Item[],
  unitName: (id: string) => string,
  today: CalendarDate,
  leaderName: (leaderId: string) => string = () => '',
): LedgerRow[] {
  return items.map((item, index) => {
    const light = lightOf(item, today);
    const source = { item, number: index + 1, light, today, unitName, leaderName };
    return { light, cells: ledgerSheet.map((column) => column.cell(source)) };
  });
}

/** The roster's names for a sheet: a unit's by its id, a leader's (a contact with a leaderId) by the leaderId. */
export function rosterNames(units: readonly { id: string; name: string; contacts: readonly { name: string; leaderId?: string }[] }[]) {
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const leaderNames = new Map(units.flatMap((u) => u.contacts.flatMap((c) => (c.leaderId ? [[c.leaderId, c.name] as const] : []))));
  return {
    unitName: (id: string) => unitNames.get(id) ?? id,
    leaderName: (leaderId: string) => leaderNames.get(leaderId) ?? '',
  };
}
