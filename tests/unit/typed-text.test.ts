import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { textProblem, typedTextPattern } from '../../functions/domain/text';
import {
  CompletionBody,
  ExtensionDecisionBody,
  ExtensionRequestBody,
  ItemListQuery,
  ItemRegistrationBody,
  NoticeBody,
  RectificationBody,
  ReferralBody,
  ReportBody,
  UnitRegistrationBody,
  VerificationBody,
} from '../../functions/http/schemas';
import { parseRequestPart } from '../../functions/http/validation';
import { refusal } from './refusal';

const unit = {
  id: 'hanbin-district',
  name: '汉滨区',
  kind: 'county',
  shortName: '汉滨',
  aliases: ['汉滨区政府'],
  contacts: [{ name: '李四', email: 'li@example.gov.cn', role: 'head' }],
};
const item = {
  title: '供水改造',
  description: '城区供水管网改造',
  source: 'work-report',
  sourceRef: '安政办发〔2014〕134号',
  leadUnit: 'hanbin-district',
  dueDate: '2027-06-30',
  requirements: ['进展情况'],
  milestones: [{ title: '一期完工', dueDate: '2027-01-31' }],
};
const report = {
  summary: '已完成管网铺设',
  percentComplete: 50,
  answers: [{ requirement: 0, answer: '按期推进' }],
  workVolume: '3 公里',
  difficulties: '资金紧张',
};

/** Every request schema with a valid body, and where in it each text a person types sits (one line or many). */
const bodies: { name: string; schema: z.ZodType; body: Record<string, unknown>; lines: string[]; texts: string[] }[] = [
  { name: 'unit', schema: UnitRegistrationBody, body: unit, lines: ['aliases.0', 'contacts.0.name', 'name', 'shortName'], texts: [] },
  {
    name: 'item',
    schema: ItemRegistrationBody,
    body: item,
    lines: ['title', 'sourceRef', 'milestones.0.title'],
    texts: ['description', 'requirements.0'],
  },
  { name: 'report', schema: ReportBody, body: report, lines: [], texts: ['summary', 'answers.0.answer', 'workVolume', 'difficulties'] },
  { name: 'completion', schema: CompletionBody, body: { summary: '已办结' }, lines: [], texts: ['summary'] },
  {
    name: 'verification',
    schema: VerificationBody,
    body: { method: 'site', passed: true, findings: '属实' },
    lines: [],
    texts: ['findings'],
  },
  {
    name: 'extension request',
    schema: ExtensionRequestBody,
    body: { newDueDate: '2027-09-30', reason: '汛期停工' },
    lines: [],
    texts: ['reason'],
  },
  { name: 'extension decision', schema: ExtensionDecisionBody, body: { approve: true, note: '同意' }, lines: [], texts: ['note'] },
  {
    name: 'notice',
    schema: NoticeBody,
    body: { level: 'office', unitIds: ['hanbin-district'], reason: '逾期未办结' },
    lines: [],
    texts: ['reason'],
  },
  {
    name: 'rectification',
    schema: RectificationBody,
    body: { explanation: '重视不够', measures: '专人负责', report: '整改报告' },
    lines: [],
    texts: ['explanation', 'measures', 'report'],
  },
  { name: 'referral', schema: ReferralBody, body: { unitId: 'hanbin-district', clue: '线索' }, lines: [], texts: ['clue'] },
];

/** The body with the string at `path` (a.0.b) replaced by `make(its value)`. */
function withText(body: Record<string, unknown>, path: string, make: (old: string) => string): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let at = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  at[last] = make(at[last] as string);
  return copy;
}

const fields = bodies.flatMap(({ name, schema, body, lines, texts }) => [
  ...lines.map((path) => ({ name, schema, body, path, oneLine: true })),
  ...texts.map((path) => ({ name, schema, body, path, oneLine: false })),
]);

/** The patterns /openapi.json publishes for typed text (a required one, an optional one: empty or the same). */
const TEXT_PATTERNS = [typedTextPattern(false), typedTextPattern(true), `^(?:${typedTextPattern(false).slice(1, -1)})?$`];

/** The paths of the strings of a JSON schema that take any text: no format or enum, and no pattern but typed text's. */
function freeTextPaths(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const defs = json.$defs ?? {};
  const resolve = (s: JsonSchema): JsonSchema => (s.$ref ? resolve(defs[s.$ref.replace('#/$defs/', '')]!) : s);
  const walk = (s: JsonSchema, path: string[]): string[] => {
    const node = resolve(s);
    if (node.type === 'object') return Object.entries(node.properties ?? {}).flatMap(([k, v]) => walk(v, [...path, k]));
    if (node.type === 'array') return walk(node.items!, [...path, '0']);
    if (node.type === 'string' && (!node.pattern || TEXT_PATTERNS.includes(node.pattern)) && !node.format && !node.enum)
      return [path.join('.')];
    return [];
  };
  return walk(json, []);
}
interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  pattern?: string;
  format?: string;
  enum?: unknown[];
}

/** Ids of items: looked up, never shown as typed (an unknown one is refused as unknown). */
const ID_FIELDS = ['itemIds.0', 'itemId'];

describe('every text a person types is typed text, in every request schema', () => {
  it('lists every free-text field of every request body here: a new one without a row fails', () => {
    for (const { name, schema, lines, texts } of bodies) {
      const listed = [...lines, ...texts].sort();
      expect(
        freeTextPaths(schema)
          .filter((p) => !ID_FIELDS.includes(p))
          .sort(),
        name,
      ).toEqual(listed);
      expect(() => schema.parse(bodies.find((b) => b.name === name)!.body), name).not.toThrow();
    }
  });

  it("publishes each one's rules as its pattern in the JSON Schema (one line or many)", () => {
    for (const { name, schema, lines, texts } of bodies) {
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      const resolve = (node: JsonSchema): JsonSchema => (node.$ref ? resolve(json.$defs![node.$ref.replace('#/$defs/', '')]!) : node);
      const at = (path: string) =>
        path
          .split('.')
          .reduce<JsonSchema>((node, key) => resolve(key === '0' ? resolve(node).items! : resolve(node).properties![key]!), json).pattern;
      for (const path of lines) expect(at(path), `${name} ${path}`).toBe(typedTextPattern(true));
      for (const path of texts) expect([TEXT_PATTERNS[0], TEXT_PATTERNS[2]], `${name} ${path}`).toContain(at(path));
    }
  });

  it.each(fields.map((f) => [`${f.name} ${f.path}`, f] as const))('%s refuses a lone surrogate, naming the field', (_, f) => {
    for (const broken of ['供水\ud800改造', '\udc00', 'a\ud83d', '\ude00b']) {
      const answer = refusal(() =>
        parseRequestPart(
          f.schema,
          withText(f.body, f.path, () => broken),
        ),
      );
      expect(answer.status).toBe(400);
      expect(answer.en.details).toEqual([
        {
          path: f.path,
          message: 'holds a broken character (an unpaired UTF-16 surrogate) that cannot be stored or sent: type the text again',
        },
      ]);
      expect(answer.zh.details[0].message).toContain('不成对的 UTF-16 代理项');
    }
  });

  it.each(fields.map((f) => [`${f.name} ${f.path}`, f] as const))('%s refuses NUL and other control characters', (_, f) => {
    for (const [control, name] of [
      ['\u0000', 'U+0000'],
      ['\u0007', 'U+0007'],
      ['\u000B', 'U+000B'],
      ['\u001B', 'U+001B'],
      ['\u007F', 'U+007F'],
      ['\u0080', 'U+0080'],
      ['\u009F', 'U+009F'],
      ['\uFFFF', 'U+FFFF'],
    ]) {
      const answer = refusal(() =>
        parseRequestPart(
          f.schema,
          withText(f.body, f.path, (old) => `${old}${control}尾`),
        ),
      );
      expect(answer.status).toBe(400);
      expect(answer.en.details).toEqual([
        { path: f.path, message: `holds ${name}, a control character (or noncharacter), which is not text` },
      ]);
      expect(answer.zh.details[0].message).toBe(`含有控制字符等不能作为文字的字符 ${name}，请删除`);
    }
  });

  it.each(fields.map((f) => [`${f.name} ${f.path}`, f] as const))('%s refuses a text of only invisible characters', (_, f) => {
    for (const invisible of ['\u200B', '\u200C\u200D', '\u2060', '\uFEFF\u200B', ' \u200B\u3000', '\u00AD']) {
      const answer = refusal(() =>
        parseRequestPart(
          f.schema,
          withText(f.body, f.path, () => invisible),
        ),
      );
      expect(answer.status).toBe(400);
      expect(answer.en.details).toEqual([{ path: f.path, message: 'must hold visible text, not only blank or invisible characters' }]);
      expect(answer.zh.details[0].message).toBe('不能只含空白或不可见字符');
    }
  });

  it.each(fields.filter((f) => f.oneLine).map((f) => [`${f.name} ${f.path}`, f] as const))('%s (one line) refuses TAB', (_, f) => {
    const answer = refusal(() =>
      parseRequestPart(
        f.schema,
        withText(f.body, f.path, (old) => `${old}\t尾`),
      ),
    );
    expect(answer.en.details).toEqual([
      { path: f.path, message: 'holds U+0009, a control character (or noncharacter), which is not text' },
    ]);
  });

  it('lets a text of many lines keep TAB, LF, CR and the Unicode line and paragraph separators', () => {
    const para = '第一段\n\t第二段\r\n第三段\u2028第四段\u2029第五段';
    for (const f of fields.filter((x) => !x.oneLine)) {
      const parsed = f.schema.parse(withText(f.body, f.path, () => para));
      expect(JSON.stringify(parsed), `${f.name} ${f.path}`).toContain(JSON.stringify(para).slice(1, -1));
    }
  });

  it('keeps what is text: emoji (surrogate pairs, joiners), zero-width characters inside visible text, full-width spaces inside', () => {
    const kept = ['👨‍👩‍👧 供水', '供\u200B水', '汉滨\u3000区', 'e\u0301', '𠀀改造'];
    for (const f of fields) {
      for (const value of kept) {
        const parsed = f.schema.parse(withText(f.body, f.path, () => value));
        expect(JSON.stringify(parsed), `${f.name} ${f.path}`).toContain(JSON.stringify(value).slice(1, -1));
      }
    }
  });

  it('lets an optional text stay empty, but not be only invisible', () => {
    expect(ItemRegistrationBody.parse({ ...item, description: '  ' }).description).toBe('');
    expect(refusal(() => parseRequestPart(ItemRegistrationBody, { ...item, description: '\u200B' })).en.details[0].path).toBe(
      'description',
    );
  });
});

describe('the search text q', () => {
  it('refuses a lone surrogate as text that is not text', () => {
    const answer = refusal(() => parseRequestPart(ItemListQuery, { q: '供水\ud800' }, 'query'));
    expect(answer.status).toBe(400);
    expect(answer.en.details[0].path).toBe('query.q');
  });

  it('still takes Chinese search words', () => {
    expect(ItemListQuery.parse({ q: ' 供水 改造 ' }).q).toBe('供水 改造');
  });
});

/**
 * The pattern /openapi.json publishes for typed text against the checks the server runs (issue 21, item 6):
 * whatever the pattern allows, the server takes. The server trims first, so at the ends the pattern may be
 * stricter (it refuses a trailing TAB on one line; the server trims it away); inside a text they agree exactly.
 */
describe('typed text as a pattern: what the document allows, the server takes', () => {
  const serverTakes = (value: string, oneLine: boolean) => value.trim() !== '' && textProblem(value.trim(), oneLine) === undefined;
  const astral = ['😀', '𠀀', '\u{E0001}', '\u{E0D29}', '\u{1D173}', '\u{10FFFF}', '\u{F0000}'];
  const everyCharacter = [...Array.from({ length: 0x10000 }, (_, i) => String.fromCharCode(i)), ...astral];

  it.each([false, true])(
    'agrees with textProblem on every character inside a text, and never allows what it refuses (one line: %s)',
    (oneLine) => {
      const pattern = new RegExp(typedTextPattern(oneLine), 'u');
      const disagreeing = everyCharacter.filter((c) => pattern.test(`供${c}水`) !== serverTakes(`供${c}水`, oneLine));
      expect(disagreeing.map((c) => c.codePointAt(0)!.toString(16))).toEqual([]);
      const atTheEnds = everyCharacter.flatMap((c) => [c, `${c}供`, `供${c}`, `${c}${c}`]);
      expect(atTheEnds.filter((value) => pattern.test(value) && !serverTakes(value, oneLine))).toEqual([]);
    },
  );

  it.each([false, true])('allows nothing the server refuses, in generated texts (one line: %s)', (oneLine) => {
    const pattern = new RegExp(typedTextPattern(oneLine), 'u');
    const unit = fc.constantFrom(
      '供',
      'a',
      ' ',
      '\t',
      '\n',
      '\r',
      '\u3000',
      '\u200b',
      '\ufeff',
      '\u2028',
      '\u0085',
      '\u0000',
      '\ud800',
      '\udc00',
      '😀',
      '\u{E0001}',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 8 }), (value) => !pattern.test(value) || serverTakes(value, oneLine)),
      { numRuns: 3000, seed: 21 },
    );
  });
});
