import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { api, type ApiResponse, registerUnitWithHead, tokenFor } from './support';

/**
 * Text that is no text — a lone UTF-16 surrogate (JSON can carry one as
 * "\ud800"), a control character, nothing visible — is a 400 naming the
 * field, and nothing is written (read back): stored, it would make every
 * email that quotes it unsendable, every day.
 */
const tag = randomUUID().slice(0, 8);
const today = shanghaiDate(new Date());
const lead = `typed-lead-${tag}`;
const en = { 'accept-language': 'en' };

let office: string;
let leadToken: string;
let item: string;

const itemBody = (over: Record<string, unknown> = {}) => ({
  title: `文字校验-${tag}`,
  source: 'work-report',
  sourceRef: '安政办发〔2014〕134号',
  leadUnit: lead,
  dueDate: addDays(today, 60),
  requirements: ['进展情况'],
  ...over,
});

function expectRefusal(res: ApiResponse, path: string, message: string) {
  expect(res.status, res.text).toBe(400);
  expect(res.json.error.code).toBe('invalid-input');
  expect(res.json.error.details).toEqual([{ path, message }]);
}

const BROKEN = 'holds a broken character (an unpaired UTF-16 surrogate) that cannot be stored or sent: type the text again';
const get = (path: string) => api('GET', path, { token: office, headers: en });
const titles = async () => (await get(`/items?unit=${lead}&limit=100`)).json.items.map((i: { title: string }) => i.title);

beforeAll(async () => {
  office = await tokenFor('office');
  leadToken = await tokenFor('unit', lead);
  await registerUnitWithHead(office, { id: lead, name: '文字校验县', kind: 'county' });
  const res = await api('POST', '/items', { token: office, body: itemBody() });
  expect(res.status, res.text).toBe(201);
  item = res.json.id;
  expect((await api('POST', `/items/${item}/acknowledge`, { token: leadToken })).status).toBe(200);
});

describe('POST /items and /units refuse text that is no text, and write nothing', () => {
  it.each([
    ['title', { title: `供水\ud800改造-${tag}` }, BROKEN],
    ['description', { title: `说明-${tag}`, description: '城区\udfff管网' }, BROKEN],
    ['requirements.0', { title: `要求-${tag}`, requirements: ['进展\ud83d'] }, BROKEN],
    ['milestones.0.title', { title: `节点-${tag}`, milestones: [{ title: '一期\ud800', dueDate: addDays(today, 30) }] }, BROKEN],
    ['title', { title: `供水\u0000改造-${tag}` }, 'holds U+0000, a control character (or noncharacter), which is not text'],
    ['sourceRef', { title: `文号-${tag}`, sourceRef: '\u200B\u200D' }, 'must hold visible text, not only blank or invisible characters'],
  ])('POST /items: %s', async (field, over, message) => {
    const res = await api('POST', '/items', { token: office, headers: en, body: itemBody(over) });
    expectRefusal(res, field, message);
    expect(await titles()).toEqual([`文字校验-${tag}`]);
  });

  it.each([
    ['name', { name: '汉滨\ud800区' }, BROKEN],
    ['contacts.0.name', { contacts: [{ name: '李\udc00四', email: 'li@example.gov.cn', role: 'head' }] }, BROKEN],
    ['name', { name: '\uFEFF\u2060' }, 'must hold visible text, not only blank or invisible characters'],
  ])('POST /units: %s', async (field, over, message) => {
    const id = `typed-unit-${tag}`;
    const res = await api('POST', '/units', { token: office, headers: en, body: { id, name: '汉滨区', kind: 'county', ...over } });
    expectRefusal(res, field, message);
    expect((await get(`/units/${id}`)).status).toBe(404);
  });

  it('POST /items/{id}/reports: a lone surrogate in an answer, and no report is stored', async () => {
    const res = await api('POST', `/items/${item}/reports`, {
      token: leadToken,
      headers: en,
      body: { summary: '进展', percentComplete: 40, answers: [{ requirement: 0, answer: '按计划\ud800推进' }] },
    });
    expectRefusal(res, 'answers.0.answer', BROKEN);
    expect((await get(`/items/${item}/reports`)).json.items).toEqual([]);
  });

  it('answers in Chinese by default', async () => {
    const res = await api('POST', '/items', { token: office, body: itemBody({ title: `供水\ud800-${tag}` }) });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([
      { path: 'title', message: '含有残缺的字符（不成对的 UTF-16 代理项），无法保存和发送，请重新输入这段文字' },
    ]);
  });
});
