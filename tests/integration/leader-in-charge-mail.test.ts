import { randomInt, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoIdempotencyStore } from '../../functions/adapters/dynamodb/idempotency-store';
import { DynamoItemRepository } from '../../functions/adapters/dynamodb/item-repository';
import { DynamoUnitRepository } from '../../functions/adapters/dynamodb/unit-repository';
import { addDays, startOfShanghaiDay } from '../../functions/domain/calendar';
import { jobDeps } from '../../functions/jobs/wiring';
import { escalateOverdue } from '../../functions/use-cases/jobs/overdue-escalation';
import { registerItem } from '../../functions/use-cases/register-item';
import { head, meetingDecision, unitRegistration } from '../fixtures';
import { ScopedDue, ScopedFacts } from './scoped';
import { api, sentMail, tokenFor, type SentMail } from './support';

/**
 * The overdue job copies an item's leader in charge (分管领导, `leaderInCharge` → that leader's address in the
 * leadership unit) on its 【预警】, which other leaders do not get; the 通报批评 after the grace period reaches
 * every leader, the one in charge included, once. As jobs.test.ts: days of a random far-future year, the job's
 * due-queries narrowed to this file's units (ScopedDue), mail asserted per address of this file.
 */
const tag = randomUUID().slice(0, 8);
const year = randomInt(2040, 2091);
const marker = `-lic-${tag}`;
const unit = `county${marker}`;
const leaders = `leaders${marker}`;
const officeUnit = `office${marker}`;
const inCharge = `vice-mayor-${tag}`;
const inChargeAddress = `fenguan@${leaders}.example.gov.cn`;
const otherLeaderAddress = `other@${leaders}.example.gov.cn`;
const due = `${year}-03-10`;

/** 09:30 Asia/Shanghai on a date. */
const at = (date: string, hours = 9, minutes = 30) => new Date(startOfShanghaiDay(date).getTime() + (hours * 60 + minutes) * 60_000);
const deps = () => ({ ...jobDeps(), due: new ScopedDue(marker), facts: new ScopedFacts(marker) });
const to = (mails: SentMail[], address: string, title: string) =>
  mails.filter((m) => m.destination.to.includes(address) && (m.body.text ?? '').includes(title)).map((m) => m.subject);

let office: string;
const title = `分管领导抄送测试事项-${tag}`;

beforeAll(async () => {
  office = await tokenFor('office');
  for (const registration of [
    unitRegistration(unit, `分管测试县-${tag}`),
    unitRegistration(officeUnit, `督查室-${tag}`, 'office', [{ name: '督查室', email: head(officeUnit), role: 'head' }]),
    unitRegistration(leaders, `市政府领导-${tag}`, 'leadership', [
      { name: '李副市长', email: inChargeAddress, role: 'head', leaderId: inCharge },
      { name: '王副市长', email: otherLeaderAddress, role: 'head', leaderId: `other-${tag}` },
    ]),
  ]) {
    const res = await api('POST', '/units', { token: office, body: registration });
    expect(res.status, res.text).toBe(201);
  }
  // Registered "as of" a past day of that year, with its leader in charge.
  await registerItem(
    {
      items: new DynamoItemRepository(),
      units: new DynamoUnitRepository(),
      idempotency: new DynamoIdempotencyStore(),
      clock: { now: () => at(`${year}-03-02`, 10, 0) },
    },
    { sub: 'test-office', role: 'office' },
    meetingDecision({ title, leadUnit: unit, dueDate: due, leaderInCharge: inCharge }),
  );
});

describe('the leader in charge (分管领导) on the overdue job’s mail', () => {
  it('预警: the leader in charge gets a copy, once; another leader does not', async () => {
    const day1 = addDays(due, 1);
    const result = await escalateOverdue(deps(), at(day1));
    expect(result.emails.failed).toBe(0);
    await escalateOverdue(deps(), at(day1, 15, 0)); // a re-run: nothing twice
    const mails = await sentMail();
    expect(to(mails, inChargeAddress, title)).toEqual([expect.stringMatching(/^【预警】分管测试县-.*督查事项逾期预警/)]);
    expect(to(mails, head(unit), title)).toEqual(to(mails, inChargeAddress, title));
    expect(to(mails, otherLeaderAddress, title)).toEqual([]);
  });

  it('通报批评 past the grace period: every leader, the one in charge once (not twice for being in charge)', async () => {
    // Past three working days late, whatever the holidays of that year: the tenth calendar day.
    const late = addDays(due, 10);
    const result = await escalateOverdue(deps(), at(late));
    expect(result.noticesIssued).toHaveLength(1);
    const mails = await sentMail();
    const notices = (address: string) => to(mails, address, title).filter((s) => s.startsWith('【通报】'));
    expect(notices(inChargeAddress)).toHaveLength(1);
    expect(notices(otherLeaderAddress)).toHaveLength(1);
    expect(notices(head(unit))).toHaveLength(1);
  });
});
