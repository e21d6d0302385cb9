/**
 * sweep: what the daily reminder job (提醒) reads from a full ledger. 100,000
 * items, of which 1,000 fall due in the reminder windows (deadline or report
 * date in 3, 1 or 0 days), on DynamoDB Local in memory with the SES emulator,
 * so the job really sends its digests. The job's consumed read capacity (its
 * index queries, the unit look-ups, the outbox's reads; `readMeter` in
 * records.ts) and its run time, against a paginated Scan of the same table
 * filtered to the same items. Seeding time goes to stderr, not the figure.
 *
 * Everything runs in this process but DynamoDB Local (java). The local AWS
 * env is applied before the job's adapters are imported or used: adapters
 * read their env on first use (client.ts, mailer.ts), never at import.
 */
import { ScanCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { registrationParts } from '../../functions/adapters/dynamodb/item-repository';
import { unitKey, unitListing } from '../../functions/adapters/dynamodb/keys';
import { ledgerIndexes } from '../../functions/adapters/dynamodb/ledger-table';
import { readMeter, toRecord } from '../../functions/adapters/dynamodb/records';
import { addDays, shanghaiDate, type CalendarDate } from '../../functions/domain/calendar';
import { itemStatuses, sources, type Item, type ItemRegistration } from '../../functions/domain/items';
import { newItem } from '../../functions/domain/registration';
import type { HistoryEvent } from '../../functions/domain/history';
import { DEFAULT_REMINDER_DAYS } from '../../functions/use-cases/jobs/deadline-reminders';
import { round } from './pool';
import { batchWrite, benchLedger, prng, seedUnits } from './seeding';

const LEDGER_ITEMS = 100_000;
const DUE_ITEMS = 1_000;
const COUNTIES = 40;
const DEPARTMENTS = 58;
/** BatchWriteItem requests in flight while seeding (DynamoDB Local writes one at a time: more does not help). */
const SEED_CONCURRENCY = 8;
/**
 * The Scan runs as a parallel Scan: DynamoDB Local reads the whole segment for
 * every page, so a one-segment Scan of this table takes ~1,000 s there (its
 * artifact, not DynamoDB's). The capacity consumed is the same either way.
 */
const SCAN_SEGMENTS = 64;

/**
 * The ledger, item by item: every 100th item (1,000 of them) falls due in a
 * reminder window, half by deadline, half by report date (cadence or
 * milestone); the others are closed or fall due outside the windows (overdue,
 * in 2 days, or 4 days to a year away), their report dates likewise.
 */
function* seedItems(
  today: CalendarDate,
  now: Date,
  responsible: readonly string[],
): Generator<{ item: Item; event: HistoryEvent; due: boolean }> {
  const r = prng(20260101);
  const office = { sub: 'bench-office', role: 'office' as const };
  const windows = DEFAULT_REMINDER_DAYS;
  const outside = () => {
    for (;;) {
      const d = r.int(-60, 365);
      if (!windows.includes(d)) return d;
    }
  };
  let dueSoFar = 0;
  for (let i = 0; i < LEDGER_ITEMS; i += 1) {
    const due = i % (LEDGER_ITEMS / DUE_ITEMS) === 0;
    const leadUnit = r.pick(responsible);
    const coUnits = [...new Set(Array.from({ length: r.int(0, 2) }, () => r.pick(responsible)))].filter((u) => u !== leadUnit);
    const registration: ItemRegistration = {
      title: `推进第${i}项重点工作：${r.pick(['重点项目建设', '营商环境优化', '民生实事', '生态环境整治', '乡村振兴'])}`,
      description: '按照市政府常务会议部署，明确责任分工，细化工作措施，确保按期完成各项目标任务。',
      source: r.pick(sources),
      sourceRef: '2026年《政府工作报告》',
      leadUnit,
      coUnits,
      dueDate: addDays(today, r.int(30, 365)),
      requirements: ['工作进展', '存在问题', '下步打算'],
      projectType: r.next() < 0.3,
      reportEveryDays: r.pick([undefined, 7, 14, 30]),
      milestones: [],
    };
    let { item, event } = newItem(registration, { id: randomUUID(), actor: office, now });
    if (due) {
      const d = windows[dueSoFar % windows.length] as number;
      const how = dueSoFar % (2 * windows.length) < windows.length ? 'deadline' : dueSoFar % 2 === 0 ? 'cadence' : 'milestone';
      dueSoFar += 1;
      if (how === 'deadline') {
        // Due in d days; no report date in a window (none, or after the deadline).
        const { nextReportDue: _dropped, ...rest } = item;
        item = {
          ...rest,
          dueDate: addDays(today, d),
          ...(registration.reportEveryDays ? { nextReportDue: addDays(today, d + registration.reportEveryDays) } : {}),
        };
      } else if (how === 'cadence') {
        item = { ...item, reportEveryDays: registration.reportEveryDays ?? 14, nextReportDue: addDays(today, d) };
      } else {
        ({ item, event } = newItem(
          { ...registration, reportEveryDays: undefined, milestones: [{ title: '完成阶段目标', dueDate: addDays(today, d) }] },
          { id: item.id, actor: office, now },
        ));
      }
      item = { ...item, status: r.pick(['assigned', 'acknowledged', 'in-progress'] as const) };
    } else if (r.next() < 0.25) {
      item = { ...item, status: 'closed', dueDate: addDays(today, r.int(-365, 365)) };
    } else {
      const { nextReportDue: _dropped, ...rest } = item;
      item = {
        ...rest,
        status: r.pick(itemStatuses.filter((s) => s !== 'closed')),
        dueDate: addDays(today, outside()),
        ...(item.nextReportDue ? { nextReportDue: addDays(today, outside()) } : {}),
      };
    }
    yield { item, event, due };
  }
}

/** Wraps an object so that the time spent in its methods (awaited) adds up in `clock.ms`: the job calls them one at a time. */
function timed<T extends object>(target: T, clock: { ms: number }): T {
  return new Proxy(target, {
    get(object, name, receiver) {
      const value = Reflect.get(object, name, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await value.apply(object, args);
        } finally {
          clock.ms += performance.now() - started;
        }
      };
    },
  });
}

export async function sweep(): Promise<Record<string, unknown>> {
  const { tableName, client, sesUrl, stop } = await benchLedger({ mail: true });
  try {
    // Seed: units as the unit repository writes them; items as a registration writes them (item, first event, memberships).
    const now = new Date();
    const today = shanghaiDate(now);
    const units = seedUnits(now, COUNTIES, DEPARTMENTS);
    const responsible = units.filter((u) => u.kind === 'county' || u.kind === 'department').map((u) => u.id);
    const seedStarted = performance.now();
    const dueIds = new Set<string>();
    function* writes(): Generator<WriteRequest> {
      for (const unit of units)
        yield { PutRequest: { Item: toRecord({ ...unitKey(unit.id), ...unitListing(unit.id), entity: 'unit', ...unit }) } };
      for (const { item, event, due } of seedItems(today, now, responsible)) {
        if (due) dueIds.add(item.id);
        for (const part of registrationParts(tableName, item, event)) yield { PutRequest: { Item: part.write.Put!.Item! } };
      }
    }
    const records = await batchWrite(client, tableName, writes(), SEED_CONCURRENCY);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.error(`sweep: seeded ${records} records (${LEDGER_ITEMS} items, ${units.length} units) in ${seedSeconds.toFixed(1)} s`);
    if (dueIds.size !== DUE_ITEMS) throw new Error(`seeded ${dueIds.size} due items, meant ${DUE_ITEMS}`);

    // The job, as its Lambda runs it, with the adapters it runs with.
    const { jobDeps } = await import('../../functions/jobs/wiring');
    const { sendDeadlineReminders } = await import('../../functions/use-cases/jobs/deadline-reminders');
    const reading = { ms: 0 };
    const mailing = { ms: 0 };
    const plain = jobDeps();
    const deps = {
      ...plain,
      due: timed(plain.due, reading),
      units: timed(plain.units, reading),
      outbox: timed(plain.outbox, mailing),
      mailer: timed(plain.mailer, mailing),
    };
    const metered = readMeter.units;
    const jobStarted = performance.now();
    const result = await sendDeadlineReminders(deps, now);
    const seconds = (performance.now() - jobStarted) / 1000;
    const readUnits = readMeter.units - metered;
    if (result.looked !== DUE_ITEMS) throw new Error(`the job looked at ${result.looked} entries, expected ${DUE_ITEMS}`);
    if (result.emails.failed > 0)
      throw new Error(`${result.emails.failed} emails failed: ${JSON.stringify(result.emails.failures.slice(0, 3))}`);
    const stored = (await (await fetch(`${sesUrl}/store`)).json()) as { emails?: unknown[] };

    // The same items by Scan: every page of the table, filtered to what is due in the windows.
    const dates: Record<string, AttributeValue> = Object.fromEntries(
      DEFAULT_REMINDER_DAYS.map((d, i) => [`:d${i}`, { S: addDays(today, d) }]),
    );
    const inWindows = Object.keys(dates).join(', ');
    const scanStarted = performance.now();
    let scanReadUnits = 0;
    let scanned = 0;
    const found = new Set<string>();
    // What the job's Queries read, found the other way: open items due, or with a report due, in the windows.
    const dueInWindows = [
      `attribute_exists(${ledgerIndexes.Due.partitionKey}) AND dueDate IN (${inWindows})`,
      `attribute_exists(${ledgerIndexes.ReportDue.partitionKey}) AND nextReportDue IN (${inWindows})`,
    ];
    await Promise.all(
      Array.from({ length: SCAN_SEGMENTS }, async (_, segment) => {
        let startKey: Record<string, AttributeValue> | undefined;
        do {
          const out = await client.send(
            new ScanCommand({
              TableName: tableName,
              Segment: segment,
              TotalSegments: SCAN_SEGMENTS,
              FilterExpression: `entity = :item AND ((${dueInWindows[0]}) OR (${dueInWindows[1]}))`,
              ExpressionAttributeValues: { ':item': { S: 'item' }, ...dates },
              ExclusiveStartKey: startKey,
              ReturnConsumedCapacity: 'TOTAL',
            }),
          );
          scanReadUnits += out.ConsumedCapacity?.CapacityUnits ?? 0;
          scanned += out.ScannedCount ?? 0;
          for (const row of out.Items ?? []) found.add(row.id?.S ?? '');
          startKey = out.LastEvaluatedKey;
        } while (startKey);
      }),
    );
    const scanSeconds = (performance.now() - scanStarted) / 1000;
    if (found.size !== DUE_ITEMS || [...found].some((id) => !dueIds.has(id)))
      throw new Error(`the Scan found ${found.size} due items, expected the ${DUE_ITEMS} seeded`);
    client.destroy();

    return {
      bench: 'sweep',
      ledgerItems: LEDGER_ITEMS,
      dueItems: DUE_ITEMS,
      readUnits: round(readUnits, 1),
      readUnitsPerDue: round(readUnits / DUE_ITEMS, 3),
      seconds: round(seconds, 2),
      scanReadUnits: round(scanReadUnits, 1),
      scanSeconds: round(scanSeconds, 2),
      scanSegments: SCAN_SEGMENTS,
      dueQueryReadUnits: round(plain.due.readUnits, 1),
      readSeconds: round(reading.ms / 1000, 2),
      mailSeconds: round(mailing.ms / 1000, 2),
      emails: result.emails.sent,
      emailsStored: stored.emails?.length,
      records,
      scannedRecords: scanned,
    };
  } finally {
    await stop();
  }
}
