import {
  csvTable,
  FormulaWithoutValue,
  MAX_SHEET_COLUMNS,
  MAX_SHEET_ROWS,
  SheetTooLarge,
  UnreadableFile,
  xlsxTable,
} from '../adapters/spreadsheet/ledger-import-files';
import { RuleViolation } from '../domain/errors';
import type { Cell } from '../domain/ledger-import';
import { render, say } from '../messages/message';
import { importLedger } from '../use-cases/import-ledger';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { XLSX_MEDIA_TYPE } from './media-types';
import { validateImportedRow } from './import-validation';
import { HttpRefusal, requestLanguage } from './problems';
import { ledgerFiles } from './wiring';

/** A ledger of a few hundred rows is tens of kilobytes; API Gateway's own limit is 10 MB. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The request's file as rows of cells; the media type says how to read it. */
async function tableOf(event: { body: string | null; isBase64Encoded?: boolean; headers: Record<string, string | undefined> }) {
  const type = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'text/csv' && type !== XLSX_MEDIA_TYPE) throw new HttpRefusal(415, 'unsupported-media-type', say('import.media-type'));
  const bytes = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > MAX_IMPORT_BYTES) throw new HttpRefusal(413, 'payload-too-large', say('import.too-large', { mb: 5 }));
  try {
    return type === 'text/csv' ? csvTable(new TextDecoder('utf-8').decode(bytes)) : await xlsxTable(bytes);
  } catch (error) {
    if (error instanceof UnreadableFile) throw new RuleViolation('import-unreadable', say('import.unreadable'));
    if (error instanceof SheetTooLarge) {
      const limits = { cell: error.cell, columns: MAX_SHEET_COLUMNS, rows: MAX_SHEET_ROWS };
      throw new RuleViolation('import-sheet-too-large', say('import.sheet-too-large', limits));
    }
    if (error instanceof FormulaWithoutValue) {
      throw new RuleViolation('import-formula-without-value', say('import.formula-without-value', { cell: error.cell }));
    }
    throw error;
  }
}

export const handler = httpApi('imports', [
  implement(contract.importLedger, async ({ caller, query, event }) => {
    const table: Cell[][] = await tableOf(event);
    const result = await importLedger(ledgerFiles, caller, table, validateImportedRow, { dryRun: query.dryRun });
    const language = requestLanguage(event);
    const count = (status: string) => result.rows.filter((r) => r.status === status).length;
    return {
      body: {
        dryRun: result.dryRun,
        created: count(result.dryRun ? 'create' : 'created'),
        existing: count('exists'),
        invalid: count('invalid'),
        rows: result.rows.map((r) => ({ ...r, problems: r.problems.map((p) => ({ ...p, message: render(p.message, language) })) })),
      },
    };
  }),
]);
