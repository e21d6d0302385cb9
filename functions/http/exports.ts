import { systemClock } from '../adapters/clock';
import { DynamoItemRepository } from '../adapters/dynamodb/item-repository';
import { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { ledgerCsv, ledgerXlsx } from '../adapters/spreadsheet/ledger-files';
import { exportLedger } from '../use-cases/export-ledger';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from './media-types';

const deps = { items: new DynamoItemRepository(), units: new DynamoUnitRepository(), clock: systemClock };

export const handler = httpApi('exports', [
  implement(contract.exportLedgerCsv, async ({ query }) => {
    const { generatedOn, rows } = await exportLedger(deps, query);
    return {
      body: undefined,
      file: {
        contentType: CSV_MEDIA_TYPE,
        filename: `督查台账-${generatedOn}.csv`,
        asciiFilename: `ducha-ledger-${generatedOn}.csv`,
        content: ledgerCsv(rows),
      },
    };
  }),
  implement(contract.exportLedgerXlsx, async ({ query }) => {
    const { generatedOn, rows } = await exportLedger(deps, query);
    return {
      body: undefined,
      file: {
        contentType: XLSX_MEDIA_TYPE,
        filename: `督查台账-${generatedOn}.xlsx`,
        asciiFilename: `ducha-ledger-${generatedOn}.xlsx`,
        content: await ledgerXlsx(rows, generatedOn),
      },
    };
  }),
]);
