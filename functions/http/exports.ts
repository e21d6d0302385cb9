import type { Caller } from '../domain/caller';
import { leaderOf } from '../use-cases/read-items';
import { ledgerCsv, ledgerXlsx } from '../adapters/spreadsheet/ledger-files';
import type { LedgerRow } from '../domain/ledger-sheet';
import { exportLedger } from '../use-cases/export-ledger';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from './media-types';
import { ledgerFiles } from './wiring';

/** The 督查台账 as a file named for the day it was made, in Chinese and (for old clients) in ASCII. */
async function ledgerFile(
  query: Parameters<typeof exportLedger>[1],
  format: { extension: 'csv' | 'xlsx'; contentType: string; render: (rows: LedgerRow[], generatedOn: string) => string | Promise<Buffer> },
) {
  const { generatedOn, rows } = await exportLedger(ledgerFiles, query);
  return {
    body: undefined,
    file: {
      contentType: format.contentType,
      filename: `督查台账-${generatedOn}.${format.extension}`,
      asciiFilename: `ducha-ledger-${generatedOn}.${format.extension}`,
      content: await format.render(rows, generatedOn),
    },
  };
}

/** `leader=me` names the calling leader, as in GET /items. */
const withLeader = <Q extends { leader?: string }>(caller: Caller, query: Q): Q =>
  query.leader === undefined ? query : { ...query, leader: leaderOf(caller, query.leader) };

export const handler = httpApi('exports', [
  implement(contract.exportLedgerCsv, ({ caller, query }) =>
    ledgerFile(withLeader(caller, query), { extension: 'csv', contentType: CSV_MEDIA_TYPE, render: ledgerCsv }),
  ),
  implement(contract.exportLedgerXlsx, ({ caller, query }) =>
    ledgerFile(withLeader(caller, query), { extension: 'xlsx', contentType: XLSX_MEDIA_TYPE, render: ledgerXlsx }),
  ),
]);
