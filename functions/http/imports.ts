import {
  csvTable,
  csvText,
  FormulaWithoutValue,
  MAX_SHEET_COLUMNS,
  MAX_SHEET_ROWS,
  SheetTooLarge,
  UnreadableFile,
  xlsxTable,
} from '../adapters/spreadsheet/ledger-import-files';
import { RuleViolation } from '../domain/errors';
import type { Cell } from '../domain/ledger-import';
import { say } from '../messages/message';
import { importLedger } from '../use-cases/import-ledger';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { XLSX_MEDIA_TYPE } from './media-types';
import { validateImportedRow } from './import-validation';
import { HttpRefusal, requestLanguage } from './problems';
import type { ImportDecisions } from '../domain/ledger-import';
import { importRoster, type ValidateUnit } from '../use-cases/import-roster';
import { ImportRequestBody, RosterImportRequestBody, UnitRegistrationBody } from './schemas';
import { issueMessage, parseRequestPart } from './validation';
import { saidProblems } from './views';
import { ledgerImports } from './wiring';

/** A ledger of a few hundred rows is tens of kilobytes; API Gateway's own limit is 10 MB. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The request's file (raw, or base64 inside the JSON of 确认导入) and the clerk's decisions. */
function fileOf(
  event: { body: string | null; isBase64Encoded?: boolean; headers: Record<string, string | undefined> },
  schema: typeof ImportRequestBody | typeof RosterImportRequestBody = ImportRequestBody,
) {
  const header = event.headers['content-type'] ?? '';
  const type = header.split(';')[0]?.trim().toLowerCase();
  const charset = /charset=([\w-]+)/i.exec(header)?.[1];
  if (type === 'application/json') {
    const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new HttpRefusal(400, 'malformed-json', say('request.malformed-json'));
    }
    const body = parseRequestPart<{ file: { mediaType: string; base64: string; name?: string }; decisions?: ImportDecisions }>(
      schema,
      parsed,
    );
    return {
      type: body.file.mediaType,
      name: body.file.name,
      bytes: Buffer.from(body.file.base64, 'base64'),
      charset: undefined,
      decisions: body.decisions ?? {},
    };
  }
  if (type !== 'text/csv' && type !== XLSX_MEDIA_TYPE) throw new HttpRefusal(415, 'unsupported-media-type', say('import.media-type'));
  return {
    type,
    name: undefined,
    bytes: Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8'),
    charset,
    decisions: {},
  };
}

/** The file as rows of cells; its media type says how to read it. */
async function tableOf(file: ReturnType<typeof fileOf>): Promise<Cell[][]> {
  if (file.bytes.length > MAX_IMPORT_BYTES) throw new HttpRefusal(413, 'payload-too-large', say('import.too-large', { mb: 5 }));
  try {
    return file.type === 'text/csv' ? csvTable(csvText(file.bytes, file.charset)) : await xlsxTable(file.bytes);
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
    const file = fileOf(event);
    const table = await tableOf(file);
    const result = await importLedger(ledgerImports, caller, table, validateImportedRow, {
      dryRun: query.dryRun,
      decisions: file.decisions,
      fileName: file.name,
    });
    const language = requestLanguage(event);
    const count = (...statuses: string[]) => result.rows.filter((r) => statuses.includes(r.status)).length;
    return {
      body: {
        ...result,
        created: count(result.dryRun ? 'create' : 'created'),
        existing: count('exists'),
        invalid: count('invalid'),
        rows: saidProblems(result.rows, language),
      },
    };
  }),
  implement(contract.importRoster, async ({ caller, query, event }) => {
    const table = await tableOf(fileOf(event, RosterImportRequestBody));
    const result = await importRoster(ledgerImports, caller, table, validateRosterUnit, { dryRun: query.dryRun });
    const language = requestLanguage(event);
    return {
      body: {
        ...result,
        units: saidProblems(result.units, language),
      },
    };
  }),
]);

/** A unit of the roster checked by the rules of POST /units (its zod schema), each problem at its field's path. */
const validateRosterUnit: ValidateUnit = (input) => {
  const result = UnitRegistrationBody.safeParse(input, { reportInput: true });
  // The import always gives a code (the file's 单位编码 or one made from the name), which POST /units may leave out.
  if (result.success) return { input: { ...result.data, id: result.data.id ?? String(input.id) } };
  return { problems: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issueMessage(issue) })) };
};
