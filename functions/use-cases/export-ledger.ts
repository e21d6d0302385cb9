import { shanghaiDate } from '../domain/calendar';
import { say } from '../messages/message';
import { RuleViolation } from '../domain/errors';
import { ledgerRows, rosterNames, type LedgerRow } from '../domain/ledger-sheet';
import { allPages } from './pages';
import type { Clock, ItemFilter, ItemRepository, UnitRepository } from './ports';

export interface LedgerExportDeps {
  items: Pick<ItemRepository, 'list'>;
  units: Pick<UnitRepository, 'all'>;
  clock: Clock;
}

/**
 * The most rows one spreadsheet holds: far above a city's ledger, and well
 * under what one Lambda response can carry (6 MB). Past it the caller is
 * asked to narrow the filter rather than given a truncated ledger.
 */
export const MAX_LEDGER_ROWS = 10_000;

/**
 * 督查台账 for export: the items GET /items would list for the same filter,
 * in deadline order, every page, as spreadsheet rows.
 */
export async function exportLedger(
  deps: LedgerExportDeps,
  filter: ItemFilter,
  maxRows = MAX_LEDGER_ROWS,
): Promise<{ generatedOn: string; rows: LedgerRow[] }> {
  const today = shanghaiDate(deps.clock.now());
  const items = await allPages((page) => deps.items.list(filter, today, page), 100, maxRows);
  if (items.length > maxRows) {
    throw new RuleViolation('ledger-too-large', say('rule.ledger-too-large', { maxRows }));
  }
  const { unitName, leaderName } = rosterNames(await deps.units.all());
  return { generatedOn: today, rows: ledgerRows(items, unitName, today, leaderName) };
}
