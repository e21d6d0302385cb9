import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ledger } from '../../functions/adapters/dynamodb/client';
import { DynamoItemRepository } from '../../functions/adapters/dynamodb/item-repository';
import { itemKey } from '../../functions/adapters/dynamodb/keys';
import { OutsideReach } from '../../functions/adapters/dynamodb/office-reach';
import { toRecord } from '../../functions/adapters/dynamodb/records';
import { inOffice, inOfficeBelow } from '../../functions/adapters/office-scope';
import { handler as deadlineReminders } from '../../functions/jobs/deadline-reminders';
import { fileSystem } from './file-system';
import { api, mailTo, nowEpochSeconds, registerUnitWithHead, tokenFor, succeed } from './support';

/**
 * 纵向到底 (issue 23): the city office registers the offices of two county governments of its roster; each
 * county office keeps a roster and a ledger of its own, in keys of its own. A county's people read and write
 * only their office's ledger (a sibling's items are 404 to them, however they ask), the same unit id is two
 * units in two offices, each office numbers its notices with its own 文号, and the stream chains and mails a
 * county's writes in the county's office.
 */
const tag = randomUUID().slice(0, 8);
const countyA = `cty-a-${tag}`;
const countyB = `cty-b-${tag}`;
const officeA = `a${tag}`;
const officeB = `b${tag}`;
/** The same department code in both counties: each office's roster is its own. */
const finance = `finance-${tag}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const tokens = {} as Record<'city' | 'a' | 'b' | 'aFinance' | 'bFinance' | 'aLeader', string>;
let itemA: string;
let itemB: string;

const call = succeed;

const item = (title: string, leadUnit: string) => ({
  title,
  source: 'meeting-decision',
  sourceRef: '区政府常务会议纪要〔2026〕9号',
  leadUnit,
  dueDate: '2026-12-10',
  requirements: ['每周报送进展'],
});

beforeAll(async () => {
  tokens.city = await tokenFor('office');
  for (const [id, name] of [
    [countyA, '汉滨区人民政府'],
    [countyB, '石泉县人民政府'],
  ] as const) {
    await registerUnitWithHead(tokens.city, { id, name: `${name}${tag}`, kind: 'county' });
  }
  await call('POST', '/offices', tokens.city, {
    slug: officeA,
    name: '汉滨区政府督查室',
    unitId: countyA,
    noticeNumberPrefix: '汉滨政督通',
  });
  await call('POST', '/offices', tokens.city, {
    slug: officeB,
    name: '石泉县政府督查室',
    unitId: countyB,
    noticeNumberPrefix: '石泉政督通',
  });
  tokens.a = await tokenFor('office', undefined, { officeId: officeA, sub: 'clerk-a' });
  tokens.b = await tokenFor('office', undefined, { officeId: officeB, sub: 'clerk-b' });
  tokens.aFinance = await tokenFor('unit', finance, { officeId: officeA });
  tokens.bFinance = await tokenFor('unit', finance, { officeId: officeB });
  tokens.aLeader = await tokenFor('leader', undefined, { officeId: officeA });
  // Each county registers its own 财政局 under the same code, and an item led by it.
  await registerUnitWithHead(tokens.a, { id: finance, name: '汉滨区财政局', kind: 'department' });
  await registerUnitWithHead(tokens.b, { id: finance, name: '石泉县财政局', kind: 'department' });
  itemA = (await call('POST', '/items', tokens.a, item(`汉滨区老旧小区改造 ${tag}`, finance))).id;
  itemB = (await call('POST', '/items', tokens.b, item(`石泉县饮水安全 ${tag}`, finance))).id;
});

describe('offices in a tree', () => {
  it('the city registers a county office once; a retry replays it; what is wrong is refused and writes nothing', async () => {
    const body = { slug: `c${tag}`, name: '紫阳县政府督查室', unitId: `cty-c-${tag}`, noticeNumberPrefix: '紫阳政督通' };
    // The unit is not (yet) in the city's roster: 422, and no office.
    const unknown = await api('POST', '/offices', { token: tokens.city, body });
    expect(unknown.status, unknown.text).toBe(422);
    expect(unknown.json.error.message).toContain('名册中没有单位');
    await registerUnitWithHead(tokens.city, { id: body.unitId, name: `紫阳县人民政府${tag}`, kind: 'county' });
    const key = { 'Idempotency-Key': `office-${tag}` };
    const first = await api('POST', '/offices', { token: tokens.city, body, headers: key });
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({ id: `c${tag}`, parentId: 'root', unitId: body.unitId, noticeNumberPrefix: '紫阳政督通' });
    const again = await api('POST', '/offices', { token: tokens.city, body, headers: key });
    expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
    // The same unit's second office, and the same id again, are conflicts.
    const twice = await api('POST', '/offices', { token: tokens.city, body: { ...body, slug: `d${tag}` } });
    expect([twice.status, twice.json.error.code]).toEqual([409, 'unit-has-office']);
    const taken = await api('POST', '/offices', { token: tokens.city, body: { ...body, unitId: countyA } });
    expect([taken.status, taken.json.error.code]).toEqual([409, 'office-exists']);
    const badSlug = await api('POST', '/offices', { token: tokens.city, body: { ...body, slug: 'Zi Yang' } });
    expect([badSlug.status, badSlug.json.error.details[0].path]).toEqual([400, 'slug']);
    const tree = await call('GET', '/offices', tokens.city);
    expect(tree.below.filter((o: Json) => [officeA, officeB, `c${tag}`, `d${tag}`].includes(o.id)).map((o: Json) => o.id)).toEqual([
      officeA,
      officeB,
      `c${tag}`,
    ]);
  });

  it('a county office sees the path from the root to itself (breadcrumbs), its units the same', async () => {
    for (const token of [tokens.a, tokens.aFinance]) {
      const tree = await call('GET', '/offices', token);
      expect(tree.office).toMatchObject({ id: officeA, name: '汉滨区政府督查室', parentId: 'root', unitId: countyA });
      expect(tree.path.map((o: Json) => o.id)).toEqual(['root', officeA]);
      expect(tree.below).toEqual([]);
    }
  });

  it('a token of an office no one registered is refused; one naming no office at all is refused too', async () => {
    const ghost = await api('GET', '/items', { token: await tokenFor('office', undefined, { officeId: `ghost${tag}` }) });
    expect([ghost.status, ghost.json.error.message]).toEqual([403, expect.stringContaining('尚未在平台登记')]);
    const malformed = await api('GET', '/items', { token: await tokenFor('office', undefined, { officeId: 'Not An Office' }) });
    expect(malformed.status).toBe(403);
  });
});

describe('each office its own ledger', () => {
  it("a county's office, units and leaders read their own items; a sibling's are 404 to them, however asked", async () => {
    const listed = async (token: string) => ((await call('GET', '/items?limit=100', token)).items as Json[]).map((i) => i.id);
    expect(await listed(tokens.a)).toEqual([itemA]);
    expect(await listed(tokens.aLeader)).toEqual([itemA]);
    expect(await listed(tokens.aFinance)).toEqual([itemA]);
    expect(await listed(tokens.b)).toEqual([itemB]);
    // The city's own ledger holds neither.
    expect(await listed(tokens.city)).not.toContain(itemA);
    for (const [token, other] of [
      [tokens.a, itemB],
      [tokens.aFinance, itemB],
      [tokens.aLeader, itemB],
      [tokens.b, itemA],
      [tokens.bFinance, itemA],
    ] as const) {
      for (const path of [`/items/${other}`, `/items/${other}/history`, `/items/${other}/reports`]) {
        const res = await api('GET', path, { token });
        expect(res.status, `${path}: ${res.text}`).toBe(404);
      }
    }
    // Writing into the sibling's item is as impossible as reading it.
    const report = { summary: '已完成摸底', percentComplete: 20, answers: [{ requirement: 0, answer: '已摸底' }] };
    await call('POST', `/items/${itemA}/acknowledge`, tokens.aFinance);
    expect((await api('POST', `/items/${itemA}/reports`, { token: tokens.bFinance, body: report })).status).toBe(404);
    expect((await api('POST', `/items/${itemA}/reports`, { token: tokens.aFinance, body: report })).status).toBe(201);
  });

  it("the data layer refuses a county's work any key outside its reach, before DynamoDB is asked", async () => {
    const items = new DynamoItemRepository();
    const cityKey = itemKey('any-city-item');
    const siblingKey = inOffice(officeB, () => itemKey(itemB));
    const send = (Key: Json) => ledger().client.send(new GetItemCommand({ TableName: ledger().tableName, Key: toRecord(Key) }));
    await expect(inOffice(officeA, () => items.get(itemA))).resolves.toMatchObject({ id: itemA });
    await expect(inOffice(officeA, () => send(cityKey))).rejects.toThrow(OutsideReach);
    await expect(inOffice(officeA, () => send(siblingKey))).rejects.toThrow(OutsideReach);
    // Reading down is within the reach of the office above only: the sibling is not below county A.
    expect(() => inOffice(officeA, () => inOfficeBelow(officeB, () => items.get(itemB)))).toThrow(/outside the reach/);
    // The city reaches everything below it.
    await expect(inOfficeBelow(officeB, () => items.get(itemB))).resolves.toMatchObject({ id: itemB });
  });

  it('in AWS a county’s calls are signed with the office role assumed for its reach (a local STS stands in)', async () => {
    const asked: URLSearchParams[] = [];
    const sts = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        asked.push(new URLSearchParams(body));
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        res.end(
          '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>' +
            '<AccessKeyId>ASIAOFFICEA</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken>' +
            '<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::000000000000:assumed-role/office/a</Arn>' +
            '<AssumedRoleId>AROA:a</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>',
        );
      });
    });
    await new Promise<void>((resolve) => sts.listen(0, '127.0.0.1', resolve));
    try {
      vi.stubEnv('AWS_ENDPOINT_URL_STS', `http://127.0.0.1:${(sts.address() as AddressInfo).port}`);
      vi.stubEnv('OFFICE_ACCESS_ROLE_ARN', 'arn:aws:iam::000000000000:role/office-access');
      // The root's work keeps the function's own credentials; the county's goes through the assumed role.
      expect(ledger().client).not.toBe(inOffice(officeA, () => ledger().client));
      await expect(inOffice(officeA, () => new DynamoItemRepository().get(itemA))).resolves.toMatchObject({ id: itemA });
      expect(await inOffice(officeA, () => ledger().client.config.credentials())).toMatchObject({ accessKeyId: 'ASIAOFFICEA' });
      expect(asked).toHaveLength(1);
      expect(Object.fromEntries(asked[0]!)).toMatchObject({
        Action: 'AssumeRole',
        RoleArn: 'arn:aws:iam::000000000000:role/office-access',
        'Tags.member.1.Key': 'office',
        'Tags.member.1.Value': officeA,
        RoleSessionName: `office-${officeA}`,
      });
    } finally {
      sts.close();
    }
  });

  it("a county's overview and ledger export are its own, its calendar the city's until it enters its own", async () => {
    const overview = await call('GET', '/reports/overview?asOf=2026-12-07', tokens.aLeader);
    // Its one item, due this week, and nothing of the sibling's or the city's.
    expect(overview.total).toBe(1);
    expect(overview.dueThisWeek.items.map((i: Json) => i.id)).toEqual([itemA]);
    const csv = await api('GET', '/reports/ledger.csv', { token: tokens.aLeader });
    expect(csv.status, csv.text).toBe(200);
    expect(csv.text).toContain(`汉滨区老旧小区改造 ${tag}`);
    expect(csv.text).not.toContain(`石泉县饮水安全 ${tag}`);
    // The city's holidays hold in its counties until a county enters a year of its own.
    const day = (date: string, name: string) => ({ date, name });
    const year = { holidays: [day('2031-10-01', '国庆节'), day('2031-10-02', '国庆节')], makeupDays: [day('2031-09-28', '国庆节调休')] };
    await call('PUT', '/calendar/2031', tokens.city, year);
    expect(await call('GET', '/calendar/2031', tokens.a)).toMatchObject({ year: 2031, source: 'office', ...year });
    const own = { holidays: [day('2031-10-01', '国庆节'), day('2031-10-08', '县庆')], makeupDays: [] };
    await call('PUT', '/calendar/2031', tokens.b, own);
    expect(await call('GET', '/calendar/2031', tokens.b)).toMatchObject(own);
    expect(await call('GET', '/calendar/2031', tokens.city)).toMatchObject(year);
  });

  it('the same unit code is two units: each office reads its own 财政局', async () => {
    expect((await call('GET', `/units/${finance}`, tokens.a)).name).toBe('汉滨区财政局');
    expect((await call('GET', `/units/${finance}`, tokens.b)).name).toBe('石泉县财政局');
    expect((await api('GET', `/units/${finance}`, { token: tokens.city })).status).toBe(404);
  });

  it("each office numbers its notices with its own 文号 from 1; the city's numbering is untouched", async () => {
    const notice = (token: string) => call('POST', '/notices', token, { level: 'office', unitIds: [finance], reason: `未按期报送 ${tag}` });
    const a1 = await notice(tokens.a);
    const a2 = await notice(tokens.a);
    const b1 = await notice(tokens.b);
    const year = new Date().getFullYear();
    expect([a1.documentNumber, a2.documentNumber, b1.documentNumber]).toEqual([
      `汉滨政督通〔${year}〕1号`,
      `汉滨政督通〔${year}〕2号`,
      `石泉政督通〔${year}〕1号`,
    ]);
    const cityNotices = (await call('GET', '/notices?limit=100', tokens.city)).items as Json[];
    expect(cityNotices.map((n) => n.id)).not.toContain(a1.id);
    expect((await api('GET', `/notices/${a1.id}`, { token: tokens.b })).status).toBe(404);
  });

  it('each office publishes its own exposed notices (公开曝光): the county its own feed, the city none of them', async () => {
    const exposed = await call('POST', '/notices', tokens.b, {
      level: 'government',
      unitIds: [finance],
      reason: `曝光 ${tag}`,
      mediaExposure: true,
    });
    const feed = async (query: string) => {
      const res = await api('GET', `/public/notices${query}`);
      expect(res.status, res.text).toBe(200);
      return (res.json.items as Json[]).map((n) => n.id);
    };
    expect(await feed(`?office=${officeB}`)).toContain(exposed.id);
    expect(await feed('')).not.toContain(exposed.id);
    expect(await feed(`?office=${officeA}`)).not.toContain(exposed.id);
    const atom = await api('GET', `/public/notices.atom?office=${officeB}`);
    expect(atom.text).toContain(`/public/notices.atom?office=${officeB}</id>`);
    expect(atom.text).toContain(`曝光 ${tag}`);
    expect((await api('GET', `/public/notices?office=ghost${tag}`)).status).toBe(404);
  });

  it("the stream chains a county's history in its office, and its jobs mail its units", async () => {
    await fileSystem().settle();
    const verdict = await call('GET', `/items/${itemA}/history/verify`, tokens.a);
    expect(verdict).toMatchObject({ itemId: itemA, intact: true });
    expect(verdict.chained).toBe(verdict.events);
    expect(verdict.events).toBeGreaterThanOrEqual(3);
    // The day's reminders run for every office: the county's item, due in three days, reminds the county's unit.
    const since = nowEpochSeconds();
    const summary = await deadlineReminders({ time: '2026-12-07T09:00:00+08:00' });
    expect(summary.offices?.map((o) => o.office)).toEqual(expect.arrayContaining(['root', officeA, officeB]));
    const reminders = (await mailTo(`head@${finance}.example.gov.cn`, since)).filter((m) => m.subject.startsWith('【提醒】'));
    // Each office's reminder names its own 财政局 (the same code, two rosters) and its own item, and no other's.
    const about = (unit: string) => reminders.find((m) => m.subject.includes(unit))?.body.text ?? '';
    expect(about('汉滨区财政局督查事项办理提醒')).toContain(`汉滨区老旧小区改造 ${tag}`);
    expect(about('汉滨区财政局督查事项办理提醒')).not.toContain(`石泉县饮水安全 ${tag}`);
    expect(about('石泉县财政局督查事项办理提醒')).toContain(`石泉县饮水安全 ${tag}`);
    // Each in its own office's name: the county's units hear from the county's 督查室, not the city's.
    expect(about('汉滨区财政局督查事项办理提醒')).toContain('汉滨区政府督查室');
    expect(about('汉滨区财政局督查事项办理提醒')).not.toContain('市人民政府督查室');
    // And so the letters its requests write (派发 of the county's item, sent from the stream).
    const dispatch = (await mailTo(`head@${finance}.example.gov.cn`)).find((m) => m.subject.includes(`汉滨区老旧小区改造 ${tag}`));
    expect(dispatch?.body.text).toContain('汉滨区政府督查室');
  });
});
