import { assessmentXlsx } from '../adapters/spreadsheet/assessment-file';
import { ledgerCsv, ledgerXlsx } from '../adapters/spreadsheet/ledger-files';
import { assessmentTitle } from '../domain/assessment-sheet';
import { shanghaiDate } from '../domain/calendar';
import type { Caller } from '../domain/caller';
import type { LedgerRow } from '../domain/ledger-sheet';
import { assessUnits } from '../use-cases/assess-units';
import { exportLedger } from '../use-cases/export-ledger';
import { leaderOf } from '../use-cases/read-items';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from './media-types';
import { clock, ledgerFiles, statistics } from './wiring';

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

/**
 * 年度考核 as a workbook: the very figures GET /reports/assessment answers for the same year and day, named for both
 * (2026年度督查考核-2027-01-15.xlsx).
 */
async function assessmentFile(query: { year: number; asOf?: string }) {
  const assessment = await assessUnits(statistics, query.year, query.asOf ?? shanghaiDate(clock.now()));
  return {
    body: undefined,
    file: {
      contentType: XLSX_MEDIA_TYPE,
      filename: `${assessmentTitle(assessment.year)}-${assessment.asOf}.xlsx`,
      asciiFilename: `ducha-assessment-${assessment.year}-${assessment.asOf}.xlsx`,
      content: await assessmentXlsx(assessment),
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
  implement(contract.exportAssessmentXlsx, ({ query }) => assessmentFile(query)),
]);
