import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { sendRateKey } from '../../functions/adapters/dynamodb/keys';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startOfShanghaiDay } from '../../functions/domain/calendar';
import type { JobSummary } from '../../functions/jobs/job-summary';
import { meetingDecision, unitRegistration } from '../fixtures';
import { fileSystem } from './file-system';
import { sentMail } from './support';

/**
 * The jobs' dry run (`{"dryRun": true}` on the event, `npm run job -- NAME --dry-run`) through the Lambda handlers
 * and their real wiring: each job, at a time when its real run sends mail and (the escalating ones) issues a
 * notice, first dry — the table's record count and the mail emulator's store unchanged — then for real, which
 * sends and issues what the dry run said it would, 文号 included.
 *
 * The count of the whole table only means something if nobody else writes to it: like every file, this one has a
 * table of its own and an SES emulator store that holds only its mail (setup-env.ts).
 */
const tag = randomUUID().slice(0, 8);
const { tableName } = fileSystem();
const A = `dry-a-${tag}`;
const B = `dry-b-${tag}`;
const year = 2030; // a year no holiday arrangement covers: every day a working day, whatever the weekday

/** Asia/Shanghai wall clock on a date. */
const at = (date: string, hours: number, minutes: number) => new Date(startOfShanghaiDay(date).getTime() + (hours * 60 + minutes) * 60_000);

type Handler = (event: unknown) => Promise<JobSummary>;
let handlers: Record<'deadline-reminders' | 'overdue-escalation' | 'rectification-check' | 'weekly-digest', Handler>;

async function tableRecords(): Promise<number> {
  // Counted once the ledger's stream has followed every write (its chain heads are records too).
  await fileSystem().settle();
  const { ledger } = await import('../../functions/adapters/dynamodb/client');
  const { client } = ledger();
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const out = await client.send(
      new ScanCommand({
        TableName: tableName,
        Select: 'COUNT',
        ConsistentRead: true,
        // Not the send rate's counters (a second's sends, expiring a minute later): how many there are depends on how
        // many seconds the real run's sends spanned, and they are not the ledger's content.
        FilterExpression: 'PK <> :rate',
        ExpressionAttributeValues: { ':rate': { S: sendRateKey(0).PK } },
        ExclusiveStartKey: start as never,
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey as never;
  } while (start);
  return count;
}

const mailCount = async () => (await sentMail()).length;

beforeEach(async () => {
  // Each run logs its summary at info; the assertions read the summaries themselves.
  const { logger } = await import('../../functions/observability');
  vi.spyOn(logger, 'info').mockImplementation(() => undefined);
});

beforeAll(async () => {
  const { DynamoUnitRepository } = await import('../../functions/adapters/dynamodb/unit-repository');
  const { DynamoItemRepository } = await import('../../functions/adapters/dynamodb/item-repository');
  const { DynamoIdempotencyStore } = await import('../../functions/adapters/dynamodb/idempotency-store');
  const { registerUnit } = await import('../../functions/use-cases/register-unit');
  const { registerItem } = await import('../../functions/use-cases/register-item');
  const office = { sub: 'test-office', role: 'office' as const };
  const units = new DynamoUnitRepository();
  const idempotency = new DynamoIdempotencyStore();
  const registered = at(`${year}-03-01`, 10, 0);
  for (const unit of [
    unitRegistration(A, `甲县-${tag}`),
    unitRegistration(B, `乙局-${tag}`, 'department'),
    unitRegistration(`dry-office-${tag}`, `督查室-${tag}`, 'office'),
    unitRegistration(`dry-leaders-${tag}`, `市政府领导-${tag}`, 'leadership'),
  ])
    await registerUnit({ units, idempotency, clock: { now: () => registered } }, office, unit);
  const items = { items: new DynamoItemRepository(), units, idempotency, clock: { now: () => registered } };
  await registerItem(items, office, meetingDecision({ title: `修缮校舍-${tag}`, leadUnit: A, dueDate: `${year}-03-10` }));
  await registerItem(items, office, meetingDecision({ title: `疏浚河道-${tag}`, leadUnit: B, coUnits: [A], dueDate: `${year}-03-10` }));

  handlers = {
    'deadline-reminders': (await import('../../functions/jobs/deadline-reminders')).handler,
    'overdue-escalation': (await import('../../functions/jobs/overdue-escalation')).handler,
    'rectification-check': (await import('../../functions/jobs/rectification-check')).handler,
    'weekly-digest': (await import('../../functions/jobs/weekly-digest')).handler,
  };
}, 90_000);

/** The job dry at `time`, then for real: what the dry run reported and what the real run did. */
async function dryThenReal(job: keyof typeof handlers, time: Date) {
  const before = { records: await tableRecords(), mail: await mailCount() };
  const dry = await handlers[job]({ time: time.toISOString(), job, dryRun: true });
  expect({ records: await tableRecords(), mail: await mailCount() }).toEqual(before);
  const real = await handlers[job]({ time: time.toISOString(), job });
  const after = { records: await tableRecords(), mail: await mailCount() };
  return { dry, real, before, after };
}

/** Each recipient of the mail a dry run would send: `kind|subject|unit|role`. */
const recipients = (summary: JobSummary) =>
  (summary.dryRun?.wouldSend ?? []).flatMap((m) => m.to.map((to) => `${m.kind}|${m.subject}|${to.unit}|${to.role}`));
/** The same, as `kind|unit|role`, sorted. */
const whoGets = (summary: JobSummary) =>
  recipients(summary)
    .map((r) =>
      r
        .split('|')
        .filter((_, i) => i !== 1)
        .join('|'),
    )
    .sort();

describe('a dry run writes nothing and says what the real run does', () => {
  it('deadline-reminders: the reminders it would send, the seal it would make; then the real run sends them', async () => {
    const { dry, real, before, after } = await dryThenReal('deadline-reminders', at(`${year}-03-07`, 9, 0));
    expect(dry.dryRun?.written).toBe('nothing');
    expect(dry.dryRun?.wouldIssue).toEqual([]);
    expect(dry.dryRun?.withheld).toMatchObject({ 'mailer.send': dry.sent, 'outbox.claim': dry.sent, 'chain.putSeal': 1 });
    // 甲县 leads one item and co-handles the other: one digest to its head and its liaison; 乙局 the same.
    expect(whoGets(dry)).toEqual(
      [`reminder|甲县-${tag}|head`, `reminder|甲县-${tag}|liaison`, `reminder|乙局-${tag}|head`, `reminder|乙局-${tag}|liaison`].sort(),
    );
    for (const r of recipients(dry)) expect(r.split('|')[1]).toMatch(/^【提醒】/);
    expect(dry.sent).toBe(4);
    expect(dry.seal).toMatchObject({ made: true });
    expect(real).toMatchObject({ sent: 4, failed: 0, seal: { made: true } });
    expect(real.dryRun).toBeUndefined();
    expect(after.mail).toBe(before.mail + 4);
    expect(after.records).toBeGreaterThan(before.records); // sent-markers, the seal
    // Dry again, after the real run: everything is sent already, so it would send nothing.
    const again = await handlers['deadline-reminders']({ time: at(`${year}-03-07`, 9, 0).toISOString(), dryRun: true });
    expect(again).toMatchObject({ sent: 0, skipped: 4, seal: { made: false } });
  });

  it('overdue-escalation: the warnings and the notice with the 文号 it would take; then the real run issues that very notice', async () => {
    const day = `${year}-03-16`; // six days past the deadline: warned and criticised in one run
    const { dry, real, before, after } = await dryThenReal('overdue-escalation', at(day, 9, 30));
    expect(dry.noticesIssued).toEqual([`overdue-${day}`]);
    expect(dry.dryRun?.wouldIssue).toEqual([
      {
        id: `overdue-${day}`,
        documentNumber: `安督通〔${year}〕1号`,
        level: 'office',
        units: expect.arrayContaining([`甲县-${tag}`, `乙局-${tag}`]),
        items: 2,
        rectificationDue: `${year}-03-23`,
      },
    ]);
    expect(dry.dryRun?.withheld).toMatchObject({ 'notices.issue': 1, 'sequences.next': 1, 'items.commit': 2, 'markers.mark': 4 });
    const kinds = new Set(dry.dryRun?.wouldSend.map((m) => m.kind));
    expect(kinds).toEqual(new Set(['warning', 'notice']));
    expect(whoGets(dry)).toContain(`notice|市政府领导-${tag}|head`);
    expect(whoGets(dry)).toContain(`warning|甲县-${tag}|liaison`);

    expect(real.noticesIssued).toEqual([`overdue-${day}`]);
    expect(real.sent).toBe(dry.sent);
    expect(after.mail).toBe(before.mail + dry.sent);
    expect(after.records).toBeGreaterThan(before.records);
    const { DynamoNoticeRepository } = await import('../../functions/adapters/dynamodb/notice-repository');
    const issued = await new DynamoNoticeRepository().get(`overdue-${day}`);
    // The dry run took no number: the real run took the one the dry run showed.
    expect(issued?.documentNumber).toBe(`安督通〔${year}〕1号`);
  });

  it('rectification-check: the government-level notice it would issue; then the real run issues it', async () => {
    const day = `${year}-03-31`; // the notice's week ended on 03-23 without a rectification
    const { dry, real, before, after } = await dryThenReal('rectification-check', at(day, 10, 0));
    expect(dry.dryRun?.wouldIssue).toEqual([
      expect.objectContaining({ id: `rectification-${day}`, documentNumber: `安督通〔${year}〕2号`, level: 'government' }),
    ]);
    expect(dry.dryRun?.withheld).toMatchObject({ 'notices.issue': 1, 'notices.escalate': 1, 'markers.mark': 2 });
    expect(dry.dryRun?.wouldSend.map((m) => m.kind)).toEqual(expect.arrayContaining(['rectification-escalation', 'notice']));
    expect(real.noticesIssued).toEqual([`rectification-${day}`]);
    expect(after.mail).toBe(before.mail + dry.sent);
    expect(after.records).toBeGreaterThan(before.records);
    // The escalation settled the obligations: a second dry run finds nothing owed.
    const again = await handlers['rectification-check']({ time: at(day, 10, 0).toISOString(), dryRun: true });
    expect(again).toMatchObject({ looked: 0, noticesIssued: [] });
  });

  it('weekly-digest: the digest to the leaders and the office; then the real run sends it', async () => {
    const { dry, real, before, after } = await dryThenReal('weekly-digest', at(`${year}-04-01`, 8, 30));
    expect(whoGets(dry)).toEqual(
      [
        `weekly-digest|市政府领导-${tag}|head`,
        `weekly-digest|市政府领导-${tag}|liaison`,
        `weekly-digest|督查室-${tag}|head`,
        `weekly-digest|督查室-${tag}|liaison`,
      ].sort(),
    );
    for (const r of recipients(dry)) expect(r.split('|')[1]).toMatch(/^【督查周报】/);
    expect(real).toMatchObject({ sent: 4, failed: 0 });
    expect(after.mail).toBe(before.mail + 4);
    // The four sent-markers, and for each the pointer from its SES message id (delivery receipts find the marker by it).
    expect(after.records).toBe(before.records + 8);
  });
});
