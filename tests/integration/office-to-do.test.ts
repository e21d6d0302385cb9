import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, registerUnitWithHead, tokenFor } from './support';

/**
 * 待办 in one request (GET /to-do): what waits on the office, each kind from the ledger itself, and the rows an
 * import left to fix, kept until a later import reads them again (issue 22). The answers are checked against the
 * contract by `api`.
 */
const tag = randomUUID().slice(0, 8);
const unit = { id: `todo-${tag}`, name: `待办测试局${tag}`, kind: 'department' as const };
const tokens: Record<'office' | 'unit', string> = { office: '', unit: '' };
type Json = any;

async function ok(path: string, token: string, body?: unknown): Promise<Json> {
  const res = await api('POST', path, { token, body });
  if (res.status >= 300) throw new Error(`fixture POST ${path} answered ${res.status}: ${res.text}`);
  return res.json;
}

async function acknowledgedItem(title: string): Promise<string> {
  const item = await ok('/items', tokens.office, {
    title: `${title} ${tag}`,
    source: 'meeting-decision',
    sourceRef: '市政府常务会议纪要',
    leadUnit: unit.id,
    dueDate: '2099-12-31',
    requirements: ['工作进展情况'],
  });
  await ok(`/items/${item.id}/acknowledge`, tokens.unit);
  return item.id;
}

const toDo = async (): Promise<Json> => {
  const res = await api('GET', '/to-do', { token: tokens.office });
  expect(res.status, res.text).toBe(200);
  return res.json;
};

beforeAll(async () => {
  tokens.office = await tokenFor('office');
  tokens.unit = await tokenFor('unit', unit.id);
  await registerUnitWithHead(tokens.office, unit);
});

describe('GET /to-do: what waits on the office, in one answer', () => {
  it('lists the extension to decide, the claim to verify and the rectification to review, and each leaves once done', async () => {
    const asking = await acknowledgedItem('延期待批');
    const request = await ok(`/items/${asking}/extension-requests`, tokens.unit, { newDueDate: '2100-06-30', reason: '汛期停工' });
    const claiming = await acknowledgedItem('办结待核');
    const report = { summary: '全部完成', percentComplete: 100, answers: [{ requirement: 0, answer: '已完工' }] };
    await ok(`/items/${claiming}/reports`, tokens.unit, report);
    await ok(`/items/${claiming}/completion`, tokens.unit, { summary: '全部完成' });
    const notice = await ok('/notices', tokens.office, { level: 'office', unitIds: [unit.id], reason: `未按期报送 ${tag}` });
    await ok(`/notices/${notice.id}/rectifications`, tokens.unit, {
      explanation: '重视不够',
      measures: '建立周调度',
      report: '整改报告全文',
    });

    const waiting = await toDo();
    expect(waiting.extensions.map((i: Json) => i.id)).toContain(asking);
    expect(waiting.extensions.map((i: Json) => i.id)).not.toContain(claiming);
    expect(waiting.claims.map((i: Json) => i.id)).toEqual([claiming]);
    expect(waiting.rectifications).toEqual([
      { notice: expect.objectContaining({ id: notice.id }), unitId: unit.id, submittedAt: expect.any(String) },
    ]);

    await ok(`/items/${asking}/extension-requests/${request.id}/decision`, tokens.office, { approve: true, note: '同意' });
    await ok(`/items/${claiming}/verification`, tokens.office, { method: 'desk', passed: true, findings: '书面核查' });
    await ok(`/notices/${notice.id}/rectifications/${unit.id}/review`, tokens.office, { decision: 'accepted' });
    const done = await toDo();
    expect([...done.extensions, ...done.claims].map((i: Json) => i.id)).toEqual([]);
    expect(done.rectifications).toEqual([]);
  });

  it('keeps the rows an import left, named by its file, until the corrected file is imported', async () => {
    const header = '序号,督查事项,来源,文号,牵头单位,完成时限,督办要求';
    const csv = (deadline: string) =>
      [
        header,
        `1,河道清淤${tag},政协提案,文1,${unit.name},2099-12-31,每月报送`,
        `2,管网改造${tag},政协提案,文2,${unit.name},${deadline},每月报送`,
      ].join('\r\n');
    const importFile = async (text: string) => {
      const res = await api('POST', '/items/import?dryRun=false', {
        token: tokens.office,
        body: { file: { mediaType: 'text/csv', base64: Buffer.from(text).toString('base64'), name: '年度台账.csv' } },
      });
      expect(res.status, res.text).toBe(200);
    };
    await importFile(csv('下个月底'));
    const [left] = (await toDo()).importsLeft;
    expect(left).toMatchObject({ fileName: '年度台账.csv', rows: [{ row: 3, title: `管网改造${tag}` }] });
    expect(left.rows[0].problems).toEqual([{ column: '完成时限', message: expect.stringContaining('下个月底') }]);

    await importFile(csv('2099-06-30'));
    expect((await toDo()).importsLeft).toEqual([]);
  });
});
