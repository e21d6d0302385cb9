import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoCalendarStore } from '../../functions/adapters/dynamodb/calendar-store';
import { DynamoIdempotencyStore } from '../../functions/adapters/dynamodb/idempotency-store';
import { DynamoItemRepository } from '../../functions/adapters/dynamodb/item-repository';
import { DynamoUnitRepository } from '../../functions/adapters/dynamodb/unit-repository';
import { startOfShanghaiDay } from '../../functions/domain/calendar';
import { registerItem } from '../../functions/use-cases/register-item';
import { api, registerUnitWithHead, tokenFor } from './support';

/**
 * Deadlines in working days through the API, and the office's entry of a year. This file is the only one that
 * enters a year (2027), which no other test's dates reach.
 */
const tag = randomUUID().slice(0, 8);
const unit = `wd-county-${tag}`;
let office: string;

const itemBody = (dueDate: unknown) => ({
  title: '领导批示件：5个工作日内反馈',
  source: 'leader-instruction' as const,
  sourceRef: `批示-${tag}`,
  leadUnit: unit,
  dueDate,
  requirements: ['办理情况'],
});

/** Registered "as of" 10:00 Shanghai on a date, as the office, through the use case. */
const registerOn = (date: string, workingDays: number) =>
  registerItem(
    {
      items: new DynamoItemRepository(),
      units: new DynamoUnitRepository(),
      idempotency: new DynamoIdempotencyStore(),
      calendar: new DynamoCalendarStore(),
      clock: { now: () => new Date(startOfShanghaiDay(date).getTime() + 10 * 3600_000) },
    },
    { sub: 'test-office', role: 'office' },
    { ...itemBody({ workingDays }), description: '', coUnits: [], projectType: false, milestones: [], dueDate: { workingDays } },
  );

beforeAll(async () => {
  office = await tokenFor('office');
  await registerUnitWithHead(office, { id: unit, name: '工作日县', kind: 'county' });
});

describe('deadlines in working days', () => {
  it('5 working days from 2026-09-30 is 2026-10-13: 国庆 skipped, the makeup Saturday 10-10 counted, and the item says so', async () => {
    const { item } = await registerOn('2026-09-30', 5);
    expect(item.dueDate).toBe('2026-10-13');
    expect(item.dueRule).toMatchObject({ workingDays: 5, from: '2026-09-30', makeupDays: ['2026-10-10'], source: 'chinese-days' });
    const read = await api('GET', `/items/${item.id}`, { token: office, headers: { 'Accept-Language': 'en' } });
    expect(read.json.dueRule.explanation).toBe('5 working days from 2026-09-30: skipped 国庆节 10-01…10-07, counted 10-10 (调休)');
    const zh = await api('GET', `/items/${item.id}`, { token: office });
    expect(zh.json.dueRule.explanation).toBe('自 2026-09-30 起 5 个工作日：跳过国庆节 10-01…10-07，计入调休上班日 10-10');
  });

  it('a working-day deadline registered over HTTP gets its date and rule; a plain date gets no rule', async () => {
    const res = await api('POST', '/items', { token: office, body: itemBody({ workingDays: 3 }) });
    expect(res.status, res.text).toBe(201);
    expect(res.json.dueRule.workingDays).toBe(3);
    expect(res.json.dueDate > res.json.registeredAt.slice(0, 10)).toBe(true);
    const plain = await api('POST', '/items', { token: office, body: itemBody('2026-12-30') });
    expect(plain.status).toBe(201);
    expect(plain.json.dueRule).toBeUndefined();
  });

  it('refuses working days that run into 2027 until the office enters 2027, then counts by its entry', async () => {
    // Now is late 2026 on this machine's clock in the tests' world too: 60 working days always reach 2027.
    const refused = await api('POST', '/items', { token: office, body: itemBody({ workingDays: 60 }) });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('calendar-not-covered');
    expect(refused.json.error.message).toContain('请督查室先在“工作日历”中录入 2027 年安排');
    expect(refused.json.error.message).not.toContain('/calendar');
    expect((await api('GET', '/calendar/2027', { token: office })).json.source).toBe('none');

    const unitToken = await tokenFor('unit', unit);
    const entry = {
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-01-02', name: '元旦' },
        { date: '2027-01-03', name: '元旦' },
      ],
      makeupDays: [],
    };
    expect((await api('PUT', '/calendar/2027', { token: unitToken, body: entry })).status).toBe(403);
    const outside = await api('PUT', '/calendar/2027', {
      token: office,
      body: { ...entry, makeupDays: [{ date: '2026-12-26', name: '元旦' }] },
    });
    expect(outside.status).toBe(422);
    expect(outside.json.error.details[0].path).toBe('makeupDays.0.date');

    const put = await api('PUT', '/calendar/2027', { token: office, body: entry });
    expect(put.status, put.text).toBe(200);
    expect(put.json).toMatchObject({ year: 2027, source: 'office', enteredBy: expect.any(String) });
    expect((await api('GET', '/calendar/2027', { token: office })).json.holidays).toHaveLength(3);

    const counted = await api('POST', '/items', { token: office, body: itemBody({ workingDays: 60 }) });
    expect(counted.status, counted.text).toBe(201);
    expect(counted.json.dueDate.startsWith('2027-')).toBe(true);
    expect(counted.json.dueRule.source).toBe('office');
  });

  it("shows the package's year: 2026's 国庆 and its makeup days", async () => {
    const year = await api('GET', '/calendar/2026', { token: await tokenFor('unit', unit) });
    expect(year.status).toBe(200);
    expect(year.json.source).toBe('chinese-days');
    expect(year.json.holidays).toContainEqual({ date: '2026-10-01', name: '国庆节' });
    expect(year.json.makeupDays).toEqual(
      expect.arrayContaining([
        { date: '2026-09-20', name: '国庆节' },
        { date: '2026-10-10', name: '国庆节' },
      ]),
    );
    expect(year.json.makeupDays).toContainEqual({ date: '2026-02-14', name: '春节' });
  });

  it('an extension asked in working days counts on from the current deadline and, approved, moves the date and its rule', async () => {
    const registered = await api('POST', '/items', { token: office, body: itemBody('2026-12-10') });
    const id = registered.json.id;
    const unitToken = await tokenFor('unit', unit);
    const asked = await api('POST', `/items/${id}/extension-requests`, {
      token: unitToken,
      body: { newDueDate: { workingDays: 5 }, reason: '需协调省级部门' },
    });
    expect(asked.status, asked.text).toBe(201);
    // From Thursday 12-10: 12-11, 12-14, 12-15, 12-16, 12-17.
    expect(asked.json.newDueDate).toBe('2026-12-17');
    expect(asked.json.newDueRule).toMatchObject({ workingDays: 5, from: '2026-12-10', explanation: '自 2026-12-10 起 5 个工作日' });
    const decided = await api('POST', `/items/${id}/extension-requests/${asked.json.id}/decision`, {
      token: office,
      body: { approve: true, note: '同意' },
    });
    expect(decided.status, decided.text).toBe(200);
    const after = await api('GET', `/items/${id}`, { token: office });
    expect(after.json.dueDate).toBe('2026-12-17');
    expect(after.json.dueRule.from).toBe('2026-12-10');
  });
});
