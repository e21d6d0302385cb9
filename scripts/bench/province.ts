/**
 * province: a province's tree of offices on DynamoDB Local (issue 23, item 5) — 1 province office, 10 city offices,
 * 100 county offices, 50 units each — with a ledger of ITEMS_PER_OFFICE items per office, the same mix in each
 * (a few due in the reminder windows, a few long late). It runs the four jobs of a day for every office, one office
 * per invocation (the fan-out: each office's run as its own Lambda would), and prints per job: the time per office
 * (median, slowest), the total, and the read units per due item of the reminder sweep; then the roll-up's read of
 * the whole tree (GET /reports/tree's use case) in read units and time, which must not grow with the items.
 *
 * Scaled down from 1,000,000 items (9,009 per office) to ITEMS_PER_OFFICE per office: a job's reads and writes grow
 * with what is due or late in its office, never with the office's whole ledger (the sparse Due index), so the per-
 * office figures hold at full scale when the share of due items does; the closing note of issue 23 argues it.
 */
import { randomUUID } from 'node:crypto';
import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import { registrationParts } from '../../functions/adapters/dynamodb/item-repository';
import { officeKey, unitKey, unitListing } from '../../functions/adapters/dynamodb/keys';
import { readMeter, toRecord } from '../../functions/adapters/dynamodb/records';
import { inOffice } from '../../functions/adapters/office-scope';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { type Item, sources } from '../../functions/domain/items';
import { childOfficeId, type Office, ROOT_OFFICE } from '../../functions/domain/offices';
import { newItem } from '../../functions/domain/registration';
import { round } from './pool';
import { batchWrite, benchLedger, prng, seedUnits } from './seeding';

const CITIES = 10;
const COUNTIES_PER_CITY = 10;
/** seedUnits(10 counties, 38 departments) and the office and leadership units: 50 per office. */
const COUNTY_UNITS = 10;
const DEPARTMENT_UNITS = 38;
const ITEMS_PER_OFFICE = 100;
/** Due in a reminder window (3, 1, 0 days) and long late (past the grace period), per office. */
const DUE_PER_OFFICE = 3;
const LATE_PER_OFFICE = 2;
const FULL_SCALE_ITEMS = 1_000_000;
const SEED_CONCURRENCY = 8;
const JOBS = ['deadline-reminders', 'overdue-escalation', 'rectification-check', 'weekly-digest'] as const;

/** The tree: the province at the root, its cities, each city's counties; each office works for a unit of its parent's roster. */
function provinceOffices(now: Date): Office[] {
  const at = now.toISOString();
  const pad = (n: number) => String(n).padStart(2, '0');
  const offices: Office[] = [{ id: ROOT_OFFICE, name: '省政府督查室', registeredAt: at }];
  for (let c = 1; c <= CITIES; c += 1) {
    const city = childOfficeId(ROOT_OFFICE, `city${pad(c)}`);
    offices.push({
      id: city,
      name: `第${c}市政府督查室`,
      parentId: ROOT_OFFICE,
      unitId: `county-${pad(c)}`,
      noticeNumberPrefix: `市${c}督通`,
      registeredAt: at,
    });
    for (let k = 1; k <= COUNTIES_PER_CITY; k += 1) {
      offices.push({
        id: childOfficeId(city, `county${pad(k)}`),
        name: `第${c}市第${k}县政府督查室`,
        parentId: city,
        unitId: `county-${pad(k)}`,
        noticeNumberPrefix: `市${c}县${k}督通`,
        registeredAt: at,
      });
    }
  }
  return offices;
}

/** One office's items: the same mix in every office, a few due in the windows and a few late. */
function* officeItems(
  now: Date,
  responsible: readonly string[],
  seed: number,
): Generator<{ item: Item; event: ReturnType<typeof newItem>['event'] }> {
  const r = prng(seed);
  const today = shanghaiDate(now);
  const actor = { sub: 'bench-office', role: 'office' as const };
  const windows = [3, 1, 0];
  for (let i = 0; i < ITEMS_PER_OFFICE; i += 1) {
    const built = newItem(
      {
        title: `第${i}项重点工作`,
        description: '按照部署，明确责任分工，确保按期完成。',
        source: r.pick(sources),
        sourceRef: '《政府工作报告》',
        leadUnit: r.pick(responsible),
        coUnits: [],
        dueDate: addDays(today, r.int(10, 365)),
        requirements: ['工作进展'],
        projectType: false,
        milestones: [],
      },
      { id: randomUUID(), actor, now },
    );
    let item: Item = built.item;
    if (i < DUE_PER_OFFICE) item = { ...item, dueDate: addDays(today, windows[i % windows.length] as number) };
    else if (i < DUE_PER_OFFICE + LATE_PER_OFFICE) item = { ...item, dueDate: addDays(today, -(10 + i)), status: 'in-progress' };
    yield { item, event: built.event };
  }
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function province(): Promise<Record<string, unknown>[]> {
  const { tableName, client, stop } = await benchLedger({ mail: true });
  try {
    // The bench measures the jobs' reads and time, not SES's rate: the shared send counter lets every mail through.
    process.env.MAIL_SEND_RATE = '10000';
    // One summary line per office and job would bury the figures: warnings and errors only (read as the logger loads).
    process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
    // A Monday at 09:00 in Shanghai: every job has its day's work (the weekly digest runs on Mondays).
    const now = new Date();
    const monday = addDays(shanghaiDate(now), (8 - new Date(`${shanghaiDate(now)}T00:00:00Z`).getUTCDay()) % 7);
    const time = `${monday}T09:00:00+08:00`;
    const seededAt = new Date(`${monday}T00:30:00+08:00`);
    const offices = provinceOffices(seededAt);
    const units = seedUnits(seededAt, COUNTY_UNITS, DEPARTMENT_UNITS);
    const responsible = units.filter((u) => u.kind === 'county' || u.kind === 'department').map((u) => u.id);

    const seedStarted = performance.now();
    function* writes(): Generator<WriteRequest> {
      for (const office of offices) yield { PutRequest: { Item: toRecord({ ...officeKey(office.id), entity: 'office', ...office }) } };
      for (const [n, office] of offices.entries()) {
        const records = inOffice(office.id, () => [
          ...units.map((unit) => toRecord({ ...unitKey(unit.id), ...unitListing(unit.id), entity: 'unit', ...unit })),
          ...[...officeItems(seededAt, responsible, 1000 + n)].flatMap(({ item, event }) =>
            registrationParts(tableName, item, event).map((part) => part.write.Put!.Item!),
          ),
        ]);
        for (const Item of records) yield { PutRequest: { Item } };
      }
    }
    const records = await batchWrite(client, tableName, writes(), SEED_CONCURRENCY);
    const items = offices.length * ITEMS_PER_OFFICE;
    console.error(
      `province: seeded ${records} records (${offices.length} offices, ${items} items) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );

    const figures: Record<string, unknown>[] = [];
    const scale = { offices: offices.length, unitsPerOffice: units.length, items, fullScaleItems: FULL_SCALE_ITEMS };
    for (const job of JOBS) {
      const { handler } = (await import(`../../functions/jobs/${job}.ts`)) as {
        handler: (event: unknown) => Promise<{ looked: number; sent: number; failed: number }>;
      };
      const perOffice: number[] = [];
      let looked = 0;
      let sent = 0;
      const metered = readMeter.units;
      const started = performance.now();
      for (const office of offices) {
        const one = performance.now();
        const summary = await handler({ time, job, office: office.id });
        perOffice.push(performance.now() - one);
        looked += summary.looked;
        sent += summary.sent;
        if (summary.failed > 0) throw new Error(`${job} failed to send ${summary.failed} mails for ${office.id}`);
      }
      const readUnits = readMeter.units - metered;
      figures.push({
        bench: 'province',
        job,
        ...scale,
        totalSeconds: round((performance.now() - started) / 1000, 1),
        perOfficeMs: { median: round(median(perOffice), 0), slowest: round(Math.max(...perOffice), 0) },
        looked,
        sent,
        readUnits: round(readUnits, 1),
        ...(job === 'deadline-reminders' ? { readUnitsPerDueItem: round(readUnits / Math.max(1, looked), 2) } : {}),
      });
    }

    // The roll-up of the whole province, as GET /reports/tree reads it: the tree, then one summary per office.
    const { DynamoOfficeRegistry } = await import('../../functions/adapters/dynamodb/office-registry');
    const { DynamoOfficeSummaries } = await import('../../functions/adapters/dynamodb/office-summaries');
    const { treeOverview } = await import('../../functions/use-cases/office-summary');
    const metered = readMeter.units;
    const started = performance.now();
    const tree = await inOffice(ROOT_OFFICE, () =>
      treeOverview({ offices: new DynamoOfficeRegistry(), summaries: new DynamoOfficeSummaries() }),
    );
    figures.push({
      bench: 'province',
      figure: 'tree overview',
      ...scale,
      ms: round(performance.now() - started, 1),
      readUnits: round(readMeter.units - metered, 1),
      officesRead: tree.offices.filter((o) => o.summary !== null).length,
      redItems: tree.redItems.length,
    });
    return figures;
  } finally {
    await stop();
  }
}
