import { randomInt, randomUUID } from 'node:crypto';
import type { TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { getNotice } from '../../functions/use-cases/read-notices';
import { ledger } from '../../functions/adapters/dynamodb/client';
import { DynamoIdempotencyStore } from '../../functions/adapters/dynamodb/idempotency-store';
import { DynamoItemRepository } from '../../functions/adapters/dynamodb/item-repository';
import { noticeKey, OBLIGATION_PREFIX } from '../../functions/adapters/dynamodb/keys';
import { queryAll } from '../../functions/adapters/dynamodb/records';
import { DynamoUnitRepository } from '../../functions/adapters/dynamodb/unit-repository';
import { addDays, startOfShanghaiDay } from '../../functions/domain/calendar';
import { jobDeps } from '../../functions/jobs/wiring';
import type { EscalationDeps } from '../../functions/use-cases/jobs/job-context';
import { escalateOverdue } from '../../functions/use-cases/jobs/overdue-escalation';
import type { Mailer, OutgoingMail } from '../../functions/use-cases/ports';
import { registerItem } from '../../functions/use-cases/register-item';
import { registerUnit } from '../../functions/use-cases/register-unit';
import { withdrawIssuedNotice, type WithdrawNoticeDeps } from '../../functions/use-cases/withdraw-notice';
import { meetingDecision, unitRegistration } from '../fixtures';
import { ScopedDue } from './scoped';

/**
 * A day with more late units than DynamoDB's 100 writes of one transaction (issue 11, item 2): the
 * overdue-escalation job names 105 units in its notice of the day: a run that crashes between the
 * obligations' transactions leaves nothing a reader sees, the next run issues exactly one notice, and
 * a run after that issues and sends nothing again.
 *
 * The scenario's own units (ids holding the file's tag) and days in a far year of its own; the jobs'
 * due-queries are narrowed to those units (ScopedDue), the mail goes to a recording mailer.
 */
const tag = randomUUID().slice(0, 8);
const year = randomInt(2092, 2100);
// Past the 100 writes of one transaction, by enough to need a second; every unit more only costs time.
const UNITS = 105;
const marker = `-big-${tag}`;
const unitIds = Array.from({ length: UNITS }, (_, i) => `u${String(i).padStart(3, '0')}${marker}`);
const office = { sub: 'test-office', role: 'office' as const };

const at = (date: string, hours = 9, minutes = 30) => new Date(startOfShanghaiDay(date).getTime() + (hours * 60 + minutes) * 60_000);

const sent: OutgoingMail[] = [];
const mailer: Mailer = { send: async (mail) => void sent.push(mail) };
const deps = (): EscalationDeps => ({ ...jobDeps(), due: new ScopedDue(marker), mailer });

/** Runs `task` over `all`, `width` at a time. */
async function inParallel<T>(all: readonly T[], width: number, task: (t: T) => Promise<unknown>) {
  for (let start = 0; start < all.length; start += width) await Promise.all(all.slice(start, start + width).map(task));
}

async function registerItemsDue(dueDate: string) {
  const itemDeps = {
    items: new DynamoItemRepository(),
    units: new DynamoUnitRepository(),
    idempotency: new DynamoIdempotencyStore(),
    clock: { now: () => at(addDays(dueDate, -20), 10, 0) },
  };
  await inParallel(unitIds, 10, (leadUnit) =>
    registerItem(itemDeps, office, meetingDecision({ title: `城区管网改造-${leadUnit}`, leadUnit, dueDate })),
  );
}

/** The obligation records stored under a notice, whether or not the notice exists. */
async function storedObligations(noticeId: string) {
  const { rows } = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :owed)',
    ExpressionAttributeValues: { ':pk': { S: noticeKey(noticeId).PK }, ':owed': { S: OBLIGATION_PREFIX } },
    ConsistentRead: true,
  });
  return rows;
}

/** The units whose rectification the Due index says is owed under `noticeId`, as of a date after it fell due. */
async function owedUnder(noticeId: string, asOf: string) {
  return (await new ScopedDue(marker).rectificationsOverdue(asOf)).filter((o) => o.noticeId === noticeId).map((o) => o.unitId);
}

const due = `${year}-05-11`;
const day = addDays(due, 4); // grace 3: more than 3 days late
const id = `overdue-${day}`;

beforeAll(async () => {
  const unitDeps = { units: new DynamoUnitRepository(), idempotency: new DynamoIdempotencyStore(), clock: { now: () => new Date() } };
  // No contacts: the notice's mail is not what this file tests, and 105 units' mail would take minutes here.
  await inParallel(unitIds, 10, (unitId) => registerUnit(unitDeps, office, unitRegistration(unitId, `单位${unitId}`, 'county', [])));
  await registerItemsDue(due);
}, 180_000);

describe('overdue-escalation on a day when 105 units are late: more than one transaction holds', () => {
  it('a crash between the obligations’ transactions shows nothing; the re-run issues ONE notice naming 105 units, 105 obligations', async () => {
    const { client } = ledger();
    let obligationChunks = 0;
    const crash = 'crash-between-obligation-chunks';
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Partial<TransactWriteItemsCommandInput>;
        const ownObligations = (input.TransactItems ?? []).some(
          (w) => w.Put?.Item?.PK?.S === noticeKey(id).PK && w.Put.Item.SK?.S !== 'NOTICE',
        );
        if (context.commandName === 'TransactWriteItemsCommand' && ownObligations && ++obligationChunks === 2) {
          throw new Error('the job crashed between two transactions of obligations');
        }
        return next(args);
      },
      { step: 'initialize', name: crash },
    );
    try {
      await expect(escalateOverdue(deps(), at(day))).rejects.toThrow('crashed between');
    } finally {
      client.middlewareStack.remove(crash);
    }
    // Half written, and not a notice to anyone: the first chunk is stored, but no reader shows it.
    expect(await storedObligations(id)).toHaveLength(100);
    expect(await jobDeps().notices.get(id)).toBeNull();
    await expect(getNotice(jobDeps().notices, office, id)).rejects.toThrow();
    expect(await owedUnder(id, addDays(day, 8))).toEqual([]);

    const rerun = await escalateOverdue(deps(), at(day, 12, 0));
    expect(rerun.noticesIssued).toEqual([id]);
    expect([...rerun.unitsWithoutContacts].sort()).toEqual(unitIds);
    const read = await getNotice(jobDeps().notices, office, id);
    expect([...read.unitIds].sort()).toEqual(unitIds);
    expect(read.rectifications).toHaveLength(UNITS);
    expect(read.rectifications.every((r: { status: string; due: string }) => r.status === 'owed' && r.due === addDays(day, 7))).toBe(true);
    expect(await storedObligations(id)).toHaveLength(UNITS);
    expect((await owedUnder(id, addDays(day, 8))).sort()).toEqual(unitIds);
  }, 240_000);

  it('running the job again that day issues nothing twice', async () => {
    const mailed = sent.length;
    const again = await escalateOverdue(deps(), at(day, 15, 0));
    expect(again.noticesIssued).toEqual([]);
    expect(sent.length).toBe(mailed);
    expect(await storedObligations(id)).toHaveLength(UNITS);
    expect((await owedUnder(id, addDays(day, 8))).sort()).toEqual(unitIds);
  }, 120_000);
});

describe('withdrawing that notice of 105 units (撤销通报): more than one transaction holds its obligations', () => {
  const withdrawDeps = (): WithdrawNoticeDeps => ({ ...jobDeps(), clock: { now: () => at(addDays(day, 2), 11, 0) } });
  const statuses = async () => (await storedObligations(id)).map((r) => r.status?.S);

  it('a crash between the chunks leaves one withdrawn notice owing nothing; the re-run marks every obligation', async () => {
    const { client } = ledger();
    let chunks = 0;
    const crash = 'crash-between-withdrawal-chunks';
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Partial<TransactWriteItemsCommandInput>;
        const ownObligations = (input.TransactItems ?? []).some(
          (w) => w.Put?.Item?.PK?.S === noticeKey(id).PK && w.Put.Item.SK?.S !== 'NOTICE',
        );
        if (context.commandName === 'TransactWriteItemsCommand' && ownObligations && ++chunks === 2) {
          throw new Error('the withdrawal crashed between two transactions of obligations');
        }
        return next(args);
      },
      { step: 'initialize', name: crash },
    );
    try {
      await expect(withdrawIssuedNotice(withdrawDeps(), office, id, '通报对象有误', `withdraw-${tag}`)).rejects.toThrow('crashed');
    } finally {
      client.middlewareStack.remove(crash);
    }
    // Committed: the notice is withdrawn; its first 100 obligations are marked, the other 5 not yet — and no reader
    // sees anything owed: the notice's page says withdrawn for all 105, the one-week check finds none.
    expect((await jobDeps().notices.get(id))?.withdrawn?.reason).toBe('通报对象有误');
    const partly = await statuses();
    expect(partly.filter((s) => s === 'withdrawn')).toHaveLength(100);
    expect(partly.filter((s) => s === 'owed')).toHaveLength(UNITS - 100);
    const read = await getNotice(jobDeps().notices, office, id);
    expect(read.rectifications).toHaveLength(UNITS);
    expect(read.rectifications.every((r: { status: string }) => r.status === 'withdrawn')).toBe(true);
    expect(await owedUnder(id, addDays(day, 8))).toEqual([]);

    // The same request again (its Idempotency-Key): the first answer, and the rest done.
    const rerun = await withdrawIssuedNotice(withdrawDeps(), office, id, '通报对象有误', `withdraw-${tag}`);
    expect(rerun.replayed).toBe(true);
    expect(rerun.notice.withdrawn?.reason).toBe('通报对象有误');
    expect(await statuses()).toEqual(Array.from({ length: UNITS }, () => 'withdrawn'));
    expect(await owedUnder(id, addDays(day, 8))).toEqual([]);
  }, 240_000);

  it('a second withdrawal is a 409 and changes nothing', async () => {
    const before = await jobDeps().notices.get(id);
    await expect(withdrawIssuedNotice(withdrawDeps(), office, id, '再次撤销')).rejects.toMatchObject({ code: 'notice-withdrawn' });
    expect(await jobDeps().notices.get(id)).toEqual(before);
    expect(await statuses()).toEqual(Array.from({ length: UNITS }, () => 'withdrawn'));
  }, 60_000);
});
