import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as overdueEscalation } from '../../functions/jobs/overdue-escalation';
import { api, registerUnitWithHead, tokenFor, succeed } from './support';

/**
 * 分解下达 and 一级抓一级 (issue 23, as it is judged): 市 → two counties → their departments. The city registers an
 * item its county A answers for; county A's office reads it in the city's ledger as its government, passes it down
 * to two of its departments, and reports on it to the city; the departments' reports roll up to the city's view of
 * the item, and the city reads down to them. County B's office, units and leaders read none of it, however they
 * ask. Late, the city's notice names county A's government and the county's notices name its departments.
 */
const tag = randomUUID().slice(0, 8);
const countyA = `cas-a-${tag}`;
const countyB = `cas-b-${tag}`;
const officeA = `ca${tag}`;
const officeB = `cb${tag}`;
const [roads, water, health] = [`roads-${tag}`, `water-${tag}`, `health-${tag}`];
const ROOT = { 'X-Ducha-Office': 'root' };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const t = {} as Record<'city' | 'cityLeader' | 'a' | 'roads' | 'water' | 'b' | 'bLeader' | 'health', string>;
let parentId: string;
let children: Json[];

const call = succeed;

const report = (percentComplete: number, summary: string) => ({
  summary,
  percentComplete,
  answers: [{ requirement: 0, answer: summary }],
});

beforeAll(async () => {
  t.city = await tokenFor('office');
  t.cityLeader = await tokenFor('leader');
  await registerUnitWithHead(t.city, { id: countyA, name: `汉滨区人民政府${tag}`, kind: 'county' });
  await registerUnitWithHead(t.city, { id: countyB, name: `石泉县人民政府${tag}`, kind: 'county' });
  await call('POST', '/offices', t.city, { slug: officeA, name: '汉滨区政府督查室', unitId: countyA, noticeNumberPrefix: '汉滨政督通' });
  await call('POST', '/offices', t.city, { slug: officeB, name: '石泉县政府督查室', unitId: countyB, noticeNumberPrefix: '石泉政督通' });
  t.a = await tokenFor('office', undefined, { officeId: officeA, sub: 'clerk-a' });
  t.b = await tokenFor('office', undefined, { officeId: officeB, sub: 'clerk-b' });
  t.bLeader = await tokenFor('leader', undefined, { officeId: officeB });
  t.roads = await tokenFor('unit', roads, { officeId: officeA });
  t.water = await tokenFor('unit', water, { officeId: officeA });
  t.health = await tokenFor('unit', health, { officeId: officeB });
  await registerUnitWithHead(t.a, { id: roads, name: '汉滨区交通运输局', kind: 'department' });
  await registerUnitWithHead(t.a, { id: water, name: '汉滨区水利局', kind: 'department' });
  await registerUnitWithHead(t.b, { id: health, name: '石泉县卫健局', kind: 'department' });
  parentId = (
    await call('POST', '/items', t.city, {
      title: `汉江堤防加固 ${tag}`,
      source: 'meeting-decision',
      sourceRef: '市政府常务会议纪要〔2026〕30号',
      leadUnit: countyA,
      dueDate: '2026-12-31',
      requirements: ['每周报送工程进度'],
    })
  ).id;
});

describe('分解下达: a county office passes a city item down to its departments', () => {
  it("the county's clerk reads the city's items its government answers for, as that government", async () => {
    const listed = (await call('GET', '/items?limit=100', t.a, undefined, ROOT)).items as Json[];
    expect(listed.map((i) => i.id)).toEqual([parentId]);
    // The city's own units are not the county's to see: as 汉滨区人民政府 it has this item only.
    expect((await call('GET', `/items/${parentId}`, t.a, undefined, ROOT)).leadUnit).toBe(countyA);
  });

  it('a child due after the parent is refused and writes nothing; then two children are made once, however often sent', async () => {
    const late = await api('POST', '/cascades', {
      token: t.a,
      body: {
        parentItemId: parentId,
        children: [
          { leadUnit: roads, dueDate: '2026-12-20' },
          { leadUnit: water, dueDate: '2027-01-15' },
        ],
      },
    });
    expect([late.status, late.json.error.code, late.json.error.details[0].path]).toEqual([
      422,
      'cascade-later-than-parent',
      'children.1.dueDate',
    ]);
    expect((await call('GET', '/items', t.a)).items).toEqual([]);

    const body = {
      parentItemId: parentId,
      children: [
        { leadUnit: roads, dueDate: '2026-12-20', title: `堤顶道路改造 ${tag}` },
        { leadUnit: water, coUnits: [roads], dueDate: '2026-12-25', requirements: ['每周报送护坡进度'] },
      ],
    };
    const key = { 'Idempotency-Key': `cascade-${tag}` };
    const first = await api('POST', '/cascades', { token: t.a, body, headers: key });
    expect(first.status, first.text).toBe(201);
    children = first.json.children;
    expect(first.json.parent).toEqual({ office: 'root', itemId: parentId, title: `汉江堤防加固 ${tag}`, dueDate: '2026-12-31' });
    expect(children.map((c) => [c.title, c.leadUnit, c.sourceRef, c.requirements, c.parent])).toEqual([
      [`堤顶道路改造 ${tag}`, roads, '市政府常务会议纪要〔2026〕30号', ['每周报送工程进度'], { office: 'root', itemId: parentId }],
      [`汉江堤防加固 ${tag}`, water, '市政府常务会议纪要〔2026〕30号', ['每周报送护坡进度'], { office: 'root', itemId: parentId }],
    ]);
    const again = await api('POST', '/cascades', { token: t.a, body, headers: key });
    expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(again.json.children.map((c: Json) => c.id)).toEqual(children.map((c) => c.id));
    expect(((await call('GET', '/items?limit=100', t.a)).items as Json[]).length).toBe(2);
  });

  it("the departments report in the county's ledger; the city sees their progress beside its item and reads down to the reports", async () => {
    await call('POST', `/items/${children[0]!.id}/acknowledge`, t.roads);
    await call('POST', `/items/${children[0]!.id}/reports`, t.roads, report(40, '路基完成四成'));
    await call('POST', `/items/${children[1]!.id}/acknowledge`, t.water);
    await call('POST', `/items/${children[1]!.id}/reports`, t.water, report(60, '护坡完成六成'));
    // The county reports to the city on the parent, as its government.
    await call('POST', `/items/${parentId}/acknowledge`, t.a, undefined, ROOT);
    const upward = await call('POST', `/items/${parentId}/reports`, t.a, report(50, '区级分解两项，总体过半'), ROOT);
    expect(upward).toMatchObject({ unitId: countyA });

    for (const token of [t.city, t.cityLeader]) {
      const view = await call('GET', `/items/${parentId}/cascade`, token);
      expect(view.item).toMatchObject({ id: parentId, percentComplete: 50 });
      expect(view.offices[0]?.unitNames).toEqual({ [roads]: '汉滨区交通运输局', [water]: '汉滨区水利局' });
      expect(
        view.offices.map((o: Json) => [o.office.id, o.items.map((i: Json) => [i.leadUnit, i.percentComplete, i.status]).sort()]),
      ).toEqual([
        [
          officeA,
          [
            [roads, 40, 'in-progress'],
            [water, 60, 'in-progress'],
          ],
        ],
      ]);
    }
    const down = { 'X-Ducha-Office': officeA };
    const reports = (await call('GET', `/items/${children[0]!.id}/reports`, t.city, undefined, down)).items as Json[];
    expect(reports.map((r) => r.summary)).toEqual(['路基完成四成']);
    // Reading down is reading only: the city does not act in the county's ledger.
    const write = await api('POST', `/items/${children[0]!.id}/verification`, {
      token: t.city,
      body: { method: 'desk', passed: true, findings: '代为核查' },
      headers: down,
    });
    expect(write.status, write.text).toBe(403);
  });

  it("county B's office, units and leaders read none of it, however they ask (404)", async () => {
    const paths = [`/items/${parentId}`, `/items/${parentId}/cascade`, `/items/${children[0]!.id}`, `/items/${children[0]!.id}/reports`];
    for (const token of [t.b, t.bLeader, t.health]) {
      for (const path of paths) expect((await api('GET', path, { token })).status, path).toBe(404);
      // Into county A's ledger: not theirs to name.
      expect((await api('GET', `/items/${children[0]!.id}`, { token, headers: { 'X-Ducha-Office': officeA } })).status).toBe(404);
    }
    // B's clerk in the city, as 石泉县人民政府: the item is not B's government's.
    for (const path of [`/items/${parentId}`, `/items/${parentId}/cascade`])
      expect((await api('GET', path, { token: t.b, headers: ROOT })).status, path).toBe(404);
    // Nor can B pass it down.
    const taken = await api('POST', '/cascades', {
      token: t.b,
      body: { parentItemId: parentId, children: [{ leadUnit: health, dueDate: '2026-12-20' }] },
    });
    expect(taken.status, taken.text).toBe(404);
    // A's units, in their own ledger, do not read the city's item either.
    expect((await api('GET', `/items/${parentId}`, { token: t.roads })).status).toBe(404);
  });

  it("the city's view of the tree: each office's own record, and the red items of every level with the path to them", async () => {
    // The day's runs: the departments' items are late in the county's ledger; the city's item is not yet.
    await overdueEscalation({ time: '2026-12-30T09:30:00+08:00' });
    const tree = await call('GET', '/reports/tree', t.cityLeader);
    const row = (office: string) => (tree.offices as Json[]).find((o) => o.office.id === office);
    expect((tree.offices as Json[]).map((o) => o.office.id)).toEqual(['root', officeA, officeB]);
    expect(row(officeA)?.path).toEqual(['市政府督查室', '汉滨区政府督查室']);
    expect(row(officeA)?.summary).toMatchObject({ asOf: '2026-12-30', open: 2, cascaded: 2, byLight: { red: 2 } });
    expect(row(officeB)?.summary).toMatchObject({ open: 0, cascaded: 0, redItems: [] });
    const red = (tree.redItems as Json[]).filter((i) => children.some((c) => c.id === i.id));
    expect(red.map((i) => [i.leadUnitName, i.daysLate, i.path])).toEqual([
      ['汉滨区交通运输局', 10, ['市政府督查室', '汉滨区政府督查室']],
      ['汉滨区水利局', 5, ['市政府督查室', '汉滨区政府督查室']],
    ]);
    // A county sees its own subtree only; a unit, none of it.
    expect(((await call('GET', '/reports/tree', t.a)).offices as Json[]).map((o) => o.office.id)).toEqual([officeA]);
    expect(((await call('GET', '/reports/tree', t.bLeader)).offices as Json[]).map((o) => o.office.id)).toEqual([officeB]);
    expect((await api('GET', '/reports/tree', { token: t.roads })).status).toBe(403);

    // 一级抓一级 in the city's assessment: county A's government answers for its office's record (both its items
    // passed down are late: an on-time rate of 0), at the default weight of 0.2; county B's office has had no deadline.
    const assessment = await call('GET', '/reports/assessment?year=2026&asOf=2026-12-30', t.cityLeader);
    const rowOf = (unitId: string) => (assessment.units as Json[]).find((u) => u.unitId === unitId);
    expect(rowOf(countyA)).toMatchObject({
      score: 80,
      grade: '良好',
      supervision: { office: officeA, onTimeRate: 0, weight: 0.2, ownScore: 100 },
    });
    expect(rowOf(countyB)?.supervision).toBeUndefined();
  });

  it("late, the city's notice names county A's government, and county A's notices name its departments", async () => {
    const summary = await overdueEscalation({ time: '2027-01-12T09:30:00+08:00' });
    expect(summary.failed).toBe(0);
    const cityNotices = ((await call('GET', '/notices?limit=100', t.city)).items as Json[]).filter((n) => n.itemIds.includes(parentId));
    expect(cityNotices.map((n) => n.unitIds)).toEqual([[countyA]]);
    const countyNotices = ((await call('GET', '/notices?limit=100', t.a)).items as Json[]).filter((n) =>
      n.itemIds.some((id: string) => children.some((c) => c.id === id)),
    );
    expect(countyNotices.flatMap((n) => n.unitIds).sort()).toEqual([roads, water].sort());
    expect(countyNotices.every((n) => String(n.documentNumber).startsWith('汉滨政督通'))).toBe(true);
  });
});
