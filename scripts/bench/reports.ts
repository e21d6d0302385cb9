/**
 * reports: what the yearly assessment (考核) and the overview read from a
 * ledger of five years, against a Scan of the same table; and what writing
 * the ledger spreadsheets costs. On DynamoDB Local in memory.
 *
 * The ledger: 98 responsible units, ITEMS_PER_YEAR items a year for five
 * years. Earlier years' items are closed; this year's are three quarters
 * closed (on time or late) and a quarter open, plus next year's open items.
 * This year's items carry REPORTS_PER_ITEM reports each and there are
 * NOTICES notices: their assessment facts are written as the repositories
 * write them (factParts), the items as a registration writes them.
 */
import { ScanCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { factParts } from '../../functions/adapters/dynamodb/assessment-facts';
import { registrationParts } from '../../functions/adapters/dynamodb/item-repository';
import { unitKey, unitListing } from '../../functions/adapters/dynamodb/keys';
import { readMeter, toRecord } from '../../functions/adapters/dynamodb/records';
import { ledgerCsv, ledgerXlsx } from '../../functions/adapters/spreadsheet/ledger-files';
import type { AssessmentFact } from '../../functions/domain/assessment';
import { shanghaiDate } from '../../functions/domain/calendar';
import { sources, type Item } from '../../functions/domain/items';
import { newItem } from '../../functions/domain/registration';
import { ledgerRows } from '../../functions/domain/ledger-sheet';
import { round } from './pool';
import { batchWrite, benchLedger, prng, seedUnits } from './seeding';

const ITEMS_PER_YEAR = 4_000;
const YEARS = 5;
const REPORTS_PER_ITEM = 6;
const NOTICES = 150;
const SHEET_ROWS = 5_000;
const SCAN_SEGMENTS = 16;

export async function reports(): Promise<Record<string, unknown>[]> {
  const { tableName, client, stop } = await benchLedger({ mail: false });
  try {
    const now = new Date();
    const today = shanghaiDate(now);
    const year = Number(today.slice(0, 4));
    const units = seedUnits(now, 40, 58);
    const responsible = units.filter((u) => u.kind === 'county' || u.kind === 'department').map((u) => u.id);
    const r = prng(20261126);
    const office = { sub: 'bench-office', role: 'office' as const };
    const sample: Item[] = [];
    let facts = 0;

    function* writes(): Generator<WriteRequest> {
      for (const unit of units)
        yield { PutRequest: { Item: toRecord({ ...unitKey(unit.id), ...unitListing(unit.id), entity: 'unit', ...unit }) } };
      const put = (parts: ReturnType<typeof factParts>) => parts.map((p): WriteRequest => ({ PutRequest: { Item: p.write.Put!.Item! } }));
      for (let y = year - YEARS + 1; y <= year + 1; y += 1) {
        for (let i = 0; i < ITEMS_PER_YEAR; i += 1) {
          const leadUnit = r.pick(responsible);
          const dueDate = `${y}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
          let { item, event } = newItem(
            {
              title: `推进第${y}-${i}项重点工作：${r.pick(['重点项目建设', '营商环境优化', '民生实事', '生态环境整治', '乡村振兴'])}`,
              description: '按照市政府常务会议部署，明确责任分工，细化工作措施，确保按期完成各项目标任务。',
              source: r.pick(sources),
              sourceRef: `${y}年《政府工作报告》`,
              leadUnit,
              coUnits: r.next() < 0.5 ? [r.pick(responsible)].filter((u) => u !== leadUnit) : [],
              dueDate,
              requirements: ['工作进展', '存在问题', '下步打算'],
              projectType: false,
              reportEveryDays: 30,
              milestones: [],
            },
            // Registered at the start of the year before its deadline's: a deadline is never in the past when set.
            { id: randomUUID(), actor: office, now: new Date(`${y - 1}-01-01T00:00:00Z`) },
          );
          const closed = y < year || (y === year && r.next() < 0.75);
          item = {
            ...item,
            status: closed ? 'closed' : r.pick(['acknowledged', 'in-progress', 'completion-claimed'] as const),
            percentComplete: closed ? 100 : r.int(10, 90),
            lastReportAt: now.toISOString(),
          };
          if (sample.length < SHEET_ROWS) sample.push(item);
          for (const part of registrationParts(tableName, item, event)) yield { PutRequest: { Item: part.write.Put!.Item! } };
          if (y !== year) continue;
          const yearFacts: AssessmentFact[] = [];
          if (closed)
            yearFacts.push({
              year,
              kind: r.next() < 0.8 ? 'closed-on-time' : 'closed-late',
              ref: item.id,
              unitIds: [leadUnit],
              source: item.source,
            });
          for (let k = 0; k < REPORTS_PER_ITEM; k += 1) {
            yearFacts.push({ year, kind: r.next() < 0.9 ? 'report-on-time' : 'report-late', ref: `${item.id}-${k}`, unitIds: [leadUnit] });
          }
          facts += yearFacts.length;
          yield* put(factParts(tableName, yearFacts));
        }
      }
      for (let n = 0; n < NOTICES; n += 1) {
        const named = [...new Set(Array.from({ length: r.int(1, 4) }, () => r.pick(responsible)))];
        facts += 1;
        yield* put(
          factParts(tableName, [
            { year, kind: r.next() < 0.8 ? 'notice-office' : 'notice-government', ref: `notice-${n}`, unitIds: named },
          ]),
        );
      }
    }
    const seedStarted = performance.now();
    const records = await batchWrite(client, tableName, writes(), 8);
    console.error(
      `reports: seeded ${records} records (${ITEMS_PER_YEAR * (YEARS + 1)} items, ${facts} facts) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );

    const { DynamoAssessmentFacts } = await import('../../functions/adapters/dynamodb/assessment-facts');
    const { DynamoDueQueries } = await import('../../functions/adapters/dynamodb/due-queries');
    const { DynamoMarkers } = await import('../../functions/adapters/dynamodb/markers');
    const { DynamoUnitRepository } = await import('../../functions/adapters/dynamodb/unit-repository');
    const { assessUnits } = await import('../../functions/use-cases/assess-units');
    const { readOverview } = await import('../../functions/use-cases/read-overview');

    const measure = async <T>(work: () => Promise<T>) => {
      const units0 = readMeter.units;
      const started = performance.now();
      const result = await work();
      return { result, readUnits: readMeter.units - units0, seconds: (performance.now() - started) / 1000 };
    };
    const unitsRepo = new DynamoUnitRepository();
    const assessment = await measure(() =>
      assessUnits(
        { facts: new DynamoAssessmentFacts(), due: new DynamoDueQueries(), units: unitsRepo, markers: new DynamoMarkers() },
        year,
        today,
      ),
    );
    const overview = await measure(() =>
      readOverview({ due: new DynamoDueQueries(), facts: new DynamoAssessmentFacts(), units: unitsRepo }, today),
    );
    if (assessment.result.units.length !== responsible.length)
      throw new Error(`assessed ${assessment.result.units.length} units, expected ${responsible.length}`);

    // The same year's figures by Scan: every record of the table, as a naive report would read it.
    const scanStarted = performance.now();
    let scanReadUnits = 0;
    let scanned = 0;
    await Promise.all(
      Array.from({ length: SCAN_SEGMENTS }, async (_, segment) => {
        let startKey: Record<string, AttributeValue> | undefined;
        do {
          const out = await client.send(
            new ScanCommand({
              TableName: tableName,
              Segment: segment,
              TotalSegments: SCAN_SEGMENTS,
              ExclusiveStartKey: startKey,
              ReturnConsumedCapacity: 'TOTAL',
            }),
          );
          scanReadUnits += out.ConsumedCapacity?.CapacityUnits ?? 0;
          scanned += out.ScannedCount ?? 0;
          startKey = out.LastEvaluatedKey;
        } while (startKey);
      }),
    );
    const scanSeconds = (performance.now() - scanStarted) / 1000;
    client.destroy();

    // The spreadsheets of SHEET_ROWS items: time and the heap they take.
    const rows = ledgerRows(sample, (id) => id, today);
    const heap0 = process.memoryUsage().heapUsed;
    const xlsxStarted = performance.now();
    const xlsx = await ledgerXlsx(rows, today);
    const xlsxSeconds = (performance.now() - xlsxStarted) / 1000;
    const heapMb = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
    const csvStarted = performance.now();
    const csv = ledgerCsv(rows);
    const csvSeconds = (performance.now() - csvStarted) / 1000;

    return [
      {
        bench: 'reports',
        ledgerItems: ITEMS_PER_YEAR * (YEARS + 1),
        tableRecords: scanned,
        yearFacts: facts,
        assessmentReadUnits: round(assessment.readUnits, 1),
        assessmentSeconds: round(assessment.seconds, 2),
        overviewReadUnits: round(overview.readUnits, 1),
        overviewSeconds: round(overview.seconds, 2),
        scanReadUnits: round(scanReadUnits, 1),
        scanSeconds: round(scanSeconds, 2),
        assessmentToScan: round(assessment.readUnits / scanReadUnits, 3),
        overviewToScan: round(overview.readUnits / scanReadUnits, 3),
      },
      {
        bench: 'spreadsheet',
        rows: SHEET_ROWS,
        xlsxBytes: xlsx.length,
        xlsxSeconds: round(xlsxSeconds, 2),
        xlsxHeapMb: round(heapMb, 1),
        csvBytes: Buffer.byteLength(csv),
        csvSeconds: round(csvSeconds, 3),
        base64Mb: round((xlsx.length * 4) / 3 / 1024 / 1024, 2),
        lambdaResponseLimitMb: 6,
      },
    ];
  } finally {
    await stop();
  }
}
