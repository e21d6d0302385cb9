import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { assertAllowed } from '../../functions/domain/lifecycle';
import { missingFromReport } from '../../functions/domain/reports';
import { Conflict, RuleViolation } from '../../functions/domain/errors';
import { languageOf } from '../../functions/http/language';
import { problemFor } from '../../functions/http/problems';
import { ItemRegistrationBody } from '../../functions/http/schemas';
import { issueMessage, parseRequestPart } from '../../functions/http/validation';
import { catalogue } from '../../functions/messages/catalogue';
import { render, say, type Language } from '../../functions/messages/message';

const answer = (error: unknown, language: Language = 'zh') => {
  const res = problemFor(error, language);
  return { status: res.statusCode, headers: res.headers ?? {}, error: JSON.parse(res.body).error };
};
const refusalOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('the message catalogue', () => {
  it('renders one message in Chinese or in English', () => {
    expect(render(say('missing.item', { id: 'x-1' }), 'zh')).toBe('没有督查事项 x-1');
    expect(render(say('missing.item', { id: 'x-1' }), 'en')).toBe('No item x-1');
  });

  it('has Chinese for every entry that takes no values', () => {
    const han = /\p{Script=Han}/u;
    const plain = Object.keys(catalogue).filter((key) => {
      try {
        // Both languages: a Chinese text may leave out a value (an id) that the English one still names.
        render({ key, params: {} }, 'zh');
        render({ key, params: {} }, 'en');
        return key !== 'input.zod';
      } catch {
        return false; // an entry that needs its values
      }
    });
    expect(plain.length).toBeGreaterThan(40);
    for (const key of plain) {
      const zh = render({ key, params: {} }, 'zh');
      expect(zh, key).toMatch(han);
      expect(zh, key).not.toBe(render({ key, params: {} }, 'en'));
    }
  });

  it('says times in Shanghai as a clerk writes them, and names no id, no API path', () => {
    expect(render(say('rule.completion-needs-new-report', { failedAt: '2026-12-06T23:35:18.560Z' }), 'zh')).toBe(
      '核查未通过（2026年12月7日 7:35）后，须先报送整改后的进展报告（完成进度 100%），再申请办结',
    );
    const id = '6f1c2e0a-93b4-4c1e-9d7f-2b8a0c4d5e6f';
    expect(render(say('unavailable.item-busy', { itemId: id }), 'zh')).not.toContain(id);
    expect(render(say('unavailable.item-busy', { itemId: id }), 'en')).toContain(id);
    expect(render(say('calendar.not-covered', { year: 2027, last: 2026 }), 'zh')).not.toMatch(/PUT|\/calendar/);
  });

  it('names a status and an action as the office does, with the reason', () => {
    const conflict = refusalOf(() => assertAllowed('report', { id: 'i-7', status: 'assigned' }));
    expect(render((conflict as Conflict).problem, 'zh')).toBe('该督查事项当前状态为“已派发”（尚未签收），不能报送进展');
    expect(render((conflict as Conflict).problem, 'en')).toBe(
      'Cannot report on item i-7: its status is assigned (it has not been acknowledged (签收) yet)',
    );
  });

  it('renders the messages a message holds in the same language', () => {
    const missing = missingFromReport({ requirements: ['工程进度', '资金到位情况'], projectType: true }, {
      summary: 's',
      percentComplete: 10,
      answers: [{ requirement: 0, answer: 'a' }],
    } as never);
    const error = new RuleViolation('report-incomplete', say('rule.report-incomplete', { missing }), missing);
    expect(render(error.problem, 'zh')).toBe(
      '报送内容不完整（不得漏项掉项）：未答复第 2 项督办要求：资金到位情况；项目类事项须填报完成投资额；项目类事项须填报完成工程量',
    );
    expect(render(error.problem, 'en')).toBe('The report leaves out: answers, investmentYuan, workVolume (不得漏项掉项)');
  });

  it('keeps an error in English for the logs, whatever the caller reads', () => {
    expect(new Conflict(say('conflict.version', { itemId: 'i-1', version: 3 }), 'version-conflict').message).toBe(
      'Item i-1 was changed by someone else meanwhile (version 3 is stale); reload it and try again',
    );
  });
});

describe('answers in the language of the request', () => {
  it('a 409 has its details as a list, like every other status, with the machine-readable values', () => {
    const res = answer(refusalOf(() => assertAllowed('verify', { id: 'i-9', status: 'in-progress' })));
    expect(res.status).toBe(409);
    expect(res.headers['content-language']).toBe('zh-CN');
    expect(res.error).toEqual({
      code: 'illegal-transition',
      message: '该督查事项当前状态为“办理中”（尚未申请办结），不能核查',
      details: [
        { message: '核查只能在以下状态进行：申请办结', status: 'in-progress', action: 'verify', allowedFrom: ['completion-claimed'] },
      ],
    });
  });

  it('a 400 names each field in Chinese words a clerk reads, and in English on request', () => {
    const error = refusalOf(() =>
      parseRequestPart(ItemRegistrationBody, { title: ' ', source: 'rumour', leadUnit: 'hanyin-county', dueDate: '2026-02-30', x: 1 }),
    );
    const zh = answer(error);
    expect(zh.status).toBe(400);
    expect(zh.error.code).toBe('invalid-input');
    expect(Object.fromEntries(zh.error.details.map((d: { path: string; message: string }) => [d.path, d.message]))).toEqual({
      title: '不能为空',
      source: expect.stringMatching(/^应为以下之一：work-report、meeting-decision、/),
      sourceRef: '必填',
      dueDate: '应为真实存在的日期，格式 YYYY-MM-DD',
      requirements: '必填',
      '': '不认识的字段：x',
    });
    expect(zh.error.message).toMatch(/^请求有误：督查事项名称：不能为空；来源：应为以下之一/);
    expect(zh.error.message).toContain('完成时限：应为真实存在的日期');
    const en = answer(error, 'en');
    expect(en.headers['content-language']).toBe('en');
    expect(en.error.details.find((d: { path: string }) => d.path === 'sourceRef').message).toBe('Required');
    expect(en.error.message).toMatch(/^Invalid request: title Must not be empty; source Invalid option/);
  });

  it('prefixes query and path parameters with where they were, and tells a wrong type from a missing value', () => {
    const error = refusalOf(() =>
      parseRequestPart(z.strictObject({ limit: z.coerce.number().int(), n: z.number() }), { limit: '1.5', n: '3' }, 'query'),
    );
    expect(answer(error).error.details).toEqual([
      { path: 'query.limit', message: '应为整数' },
      { path: 'query.n', message: '应为数字，收到的是文本' },
    ]);
    expect(answer(error).error.message).toBe('请求有误：查询参数 每页条数：应为整数；查询参数 n：应为数字，收到的是文本');
  });

  it('falls back to zod’s own zh-CN and English locales, per issue, for what the catalogue has no words for', () => {
    const result = z.number().multipleOf(5).safeParse(7, { reportInput: true });
    const message = issueMessage(result.error!.issues[0]!);
    expect(render(message, 'zh')).toBe('无效数字：必须是 5 的倍数');
    expect(render(message, 'en')).toBe('Invalid number: must be a multiple of 5');
    // zod's global configuration is untouched: a plain parse still says English.
    expect(z.string().safeParse(1).error!.issues[0]!.message).toMatch(/^Invalid input/);
  });

  it('answers an unexpected error in the caller’s language without revealing it', () => {
    expect(answer(new Error('secret'), 'zh').error).toMatchObject({ code: 'internal', details: [] });
    expect(answer(new Error('secret'), 'zh').error.message).toMatch(/^服务器内部出错：修改是否已生效未知/);
    // A 500's outcome is unknown: it does not invite a blind retry (issue 11, item 6).
    expect(answer(new Error('secret'), 'en').error.message).not.toMatch(/may be retried$/);
    expect(answer(new Error('secret'), 'en').error.message).toMatch(
      /^Something went wrong on our side: whether a change took effect is unknown/,
    );
  });
});

describe('Accept-Language', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['zh-TW', 'zh'],
    ['fr-FR, en;q=0.5', 'en'],
    ['fr', 'zh'],
    ['en;q=0.4, zh;q=0.8', 'zh'],
    ['zh;q=0.4, en;q=0.8', 'en'],
    ['en;q=0.5, zh;q=0.5', 'en'],
    ['zh;q=0, en;q=0.1', 'en'],
    ['en;q=0', 'zh'],
    ['zh;q=0, *', 'en'],
    ['*', 'zh'],
    ['en;q=2, zh;q=0.5', 'zh'],
    ['en;q=abc', 'zh'],
    ['EN-gb;Q=0.7', 'en'],
    ['en-GB ; q = 0.7 , zh ; q = 0.6', 'en'],
    ['x'.repeat(20), 'zh'],
  ])('%j → %s', (header, language) => {
    expect(languageOf(header)).toBe(language);
  });
});
