import { shanghaiDate, type CalendarDate } from './calendar';
import type { Item } from './items';
import { lightOf, type Light } from './light';
import { sourceLabels, statusLabels, lightLabels } from './mail';

/** 督查台账 as the office prints it: these columns, in this order. */
export const ledgerColumns = [
  '序号',
  '督查事项',
  '来源',
  '牵头单位',
  '协办单位',
  '完成时限',
  '状态',
  '进展',
  '红黄绿灯',
  '最近报送',
] as const;

export interface LedgerRow {
  /** One text per column of ledgerColumns. */
  cells: string[];
  light: Light;
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 2026-11-26 14:05, in Asia/Shanghai. */
export function shanghaiMinute(iso: string): string {
  const at = new Date(iso);
  return `${shanghaiDate(at)} ${new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16)}`;
}

/** The ledger's rows for these items, in their order, with units by name and the light as of `today`. */
export function ledgerRows(items: readonly Item[], unitName: (id: string) => string, today: CalendarDate): LedgerRow[] {
  return items.map((item, index) => {
    const light = lightOf(item, today);
    return {
      light,
      cells: [
        String(index + 1),
        item.title,
        sourceLabels[item.source],
        unitName(item.leadUnit),
        item.coUnits.map(unitName).join('、'),
        item.dueDate,
        statusLabels[item.status],
        item.percentComplete === undefined ? '未报送' : `${item.percentComplete}%`,
        lightLabels[light],
        item.lastReportAt ? shanghaiMinute(item.lastReportAt) : '未报送',
      ],
    };
  });
}
