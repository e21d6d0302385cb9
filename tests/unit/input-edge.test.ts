import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../functions/adapters/dynamodb/cursor';
import { itemsQueryPlan } from '../../functions/adapters/dynamodb/item-query';
import { ledgerCsv } from '../../functions/adapters/spreadsheet/ledger-files';
import { ledgerColumns } from '../../functions/domain/ledger-sheet';
import { isCalendarDate } from '../../functions/domain/calendar';
import { openApiDocument } from '../../functions/http/openapi-document';
import {
  CalendarDateSchema,
  CalendarYearPath,
  CompletionBody,
  IdempotencyKey,
  ExtensionRequestBody,
  ItemListQuery,
  ItemRegistrationBody,
  NoticeBody,
  OverviewQuery,
  ReportBody,
  UnitRegistrationBody,
  VerificationBody,
} from '../../functions/http/schemas';
import { parseRequestPart } from '../../functions/http/validation';
import { problemFor } from '../../functions/http/problems';
import { refusal } from './refusal';

describe('Idempotency-Key: 1–255 printable ASCII characters, as the IETF draft takes it', () => {
  it.each([
    ['one character', 'k'],
    ['a UUID', '3f2b8c1e-9d4a-4c6b-8f0e-1a2b3c4d5e6f'],
    ['255 characters', 'a'.repeat(255)],
    ['punctuation a client may use', 'order#42/2026?retry=1&"x"'],
    ['a space inside', 'report 2026 07'],
  ])('accepts %s', (_, key) => {
    expect(IdempotencyKey.parse(key)).toBe(key);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'a'.repeat(256)],
    ['a space at the start', ' key'],
    ['a space at the end', 'key '],
    ['a control character', 'key\u0007x'],
    ['a newline', 'key\nx'],
    ['DEL', 'key\u007f'],
    ['non-ASCII', '督查-0001'],
  ])('refuses %s, saying what a key must be once', (_, key) => {
    const answer = refusal(() => parseRequestPart(IdempotencyKey, key, 'Idempotency-Key'));
    expect(answer.status).toBe(400);
    expect(answer.en.details).toEqual([
      { path: 'Idempotency-Key', message: 'must be 1–255 printable ASCII characters, with no space at either end' },
    ]);
    expect(answer.en.message).toBe(
      'Invalid request: Idempotency-Key must be 1–255 printable ASCII characters, with no space at either end',
    );
    // The name of the header is said once, by the path, in either language.
    expect(answer.en.message.match(/Idempotency-Key/g)).toHaveLength(1);
    expect(answer.zh.message.match(/Idempotency-Key/g)).toHaveLength(1);
  });
});

/**
 * RFC 4180 as Excel reads it, written apart from the code under test: a quoted cell runs to its closing quote
 * (CR and LF included), and outside quotes either CR or LF ends the record, as a bare one does in Excel.
 */
function readCsv(csv: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    record.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    records.push(record);
    record = [];
  };
  const text = csv.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += c;
    } else if (c === ',') {
      endCell();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
    } else {
      cell += c;
    }
  }
  if (cell !== '' || record.length > 0) endRecord();
  return records;
}

describe('the ledger as CSV: a line break stays inside its cell', () => {
  const text = (t: string) => ({ kind: 'text' as const, text: t });
  const row = (title: string, unit = '汉滨区') => ({
    cells: [
      { kind: 'number' as const, value: 1 },
      text(title),
      text('政府工作报告'),
      text('文号'),
      text(unit),
      text(''),
      { kind: 'date' as const, date: '2027-06-30' },
      text('进度'),
      text('已交办'),
      text('—'),
      text('绿灯'),
      text('—'),
      text('—'),
      text(''),
    ],
    light: 'green' as const,
  });

  it.each([
    ['LF', "供水改造\n=cmd|' /C calc'!A0"],
    ['CR', "供水改造\r=cmd|' /C calc'!A0"],
    ['CRLF', "供水改造\r\n@SUM(1+1)*cmd|' /C calc'!A0"],
    ['a leading LF', "\n+cmd|' /C calc'!A0"],
  ])('quotes a title holding %s: one record per item, and no cell read back starts a formula', (_, title) => {
    const records = readCsv(ledgerCsv([row(title, '汉滨区\n-2+3'), row('第二项')]));
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual([...ledgerColumns]);
    for (const record of records) expect(record).toHaveLength(ledgerColumns.length);
    expect(records[1]?.[1]?.replace(/^'/, '')).toBe(title);
    expect(records[1]?.[4]).toBe('汉滨区\n-2+3');
    expect(records[2]?.[1]).toBe('第二项');
    for (const cell of records.flat()) expect(cell).not.toMatch(/^[=+\-@\r\n\t]/);
  });
});

describe('single-line fields: titles and names refuse line breaks, texts keep them', () => {
  const item = {
    title: '供水改造',
    source: 'work-report',
    sourceRef: '安政办发〔2014〕134号',
    leadUnit: 'hanbin-district',
    dueDate: '2027-06-30',
    requirements: ['进展情况'],
  };
  const unit = {
    id: 'hanbin-district',
    name: '汉滨区',
    kind: 'county',
    contacts: [{ name: '李四', email: 'li@example.gov.cn', role: 'head' }],
  };
  const breaks = [
    ['LF', '\n'],
    ['CR', '\r'],
    ['NEL', '\u0085'],
    ['LINE SEPARATOR', '\u2028'],
    ['PARAGRAPH SEPARATOR', '\u2029'],
  ];

  it.each(breaks)('refuses %s inside an item title, a sourceRef, a milestone title, a unit name and a contact name', (_, br) => {
    const cases: [unknown, unknown, string][] = [
      [ItemRegistrationBody, { ...item, title: `供水${br}=cmd` }, 'title'],
      [ItemRegistrationBody, { ...item, sourceRef: `安政办发${br}134号` }, 'sourceRef'],
      [ItemRegistrationBody, { ...item, milestones: [{ title: `一期${br}完工`, dueDate: '2027-01-31' }] }, 'milestones.0.title'],
      [UnitRegistrationBody, { ...unit, name: `汉滨${br}区` }, 'name'],
      [UnitRegistrationBody, { ...unit, contacts: [{ ...unit.contacts[0], name: `李${br}四` }] }, 'contacts.0.name'],
    ];
    for (const [schema, body, path] of cases) {
      const answer = refusal(() => parseRequestPart(schema as typeof ItemRegistrationBody, body));
      expect(answer.status).toBe(400);
      expect(answer.en.details).toEqual([{ path, message: 'must be one line, without line breaks' }]);
      expect(answer.zh.details[0].message).toBe('应为一行文字，不能含换行');
    }
  });

  it('lets the texts meant to run over lines keep their line breaks', () => {
    const para = '第一段\n第二段\r\n第三段\u2028第四段';
    expect(ItemRegistrationBody.parse({ ...item, description: para, requirements: [`进展${para}`] }).description).toBe(para);
    expect(
      ReportBody.parse({ summary: para, percentComplete: 50, answers: [{ requirement: 0, answer: para }], difficulties: para }).summary,
    ).toBe(para);
    expect(CompletionBody.parse({ summary: para }).summary).toBe(para);
    expect(VerificationBody.parse({ method: 'site', passed: true, findings: para }).findings).toBe(para);
    expect(NoticeBody.parse({ level: 'office', unitIds: ['hanbin-district'], reason: para }).reason).toBe(para);
  });

  it('takes a break at either end of a title as the blank it trims', () => {
    expect(ItemRegistrationBody.parse({ ...item, title: '\n供水改造\r\n' }).title).toBe('供水改造');
  });
});

describe('numbers DynamoDB can store: percentComplete and investmentYuan to two decimals', () => {
  const report = (over: Record<string, unknown>) => ({ summary: '进展', percentComplete: 50, answers: [], ...over });

  it.each([
    ['percentComplete', 1e-200],
    ['percentComplete', 0.001],
    ['percentComplete', 33.333],
    ['percentComplete', 0.1 + 0.2],
    ['investmentYuan', 1e-131],
    ['investmentYuan', 1e-7],
    ['investmentYuan', 100.005],
  ])('refuses %s %s with a 400 naming it', (field, value) => {
    const answer = refusal(() => parseRequestPart(ReportBody, report({ [field]: value })));
    expect(answer.status).toBe(400);
    expect(answer.en.details).toEqual([{ path: field, message: 'must have at most two decimal places' }]);
    expect(answer.zh.details[0].message).toBe('最多保留两位小数');
  });

  it('keeps the bounds it had: 0–100 percent, 0–1e13 yuan', () => {
    expect(refusal(() => parseRequestPart(ReportBody, report({ percentComplete: 100.01 }))).en.details[0].path).toBe('percentComplete');
    expect(refusal(() => parseRequestPart(ReportBody, report({ investmentYuan: -0.01 }))).en.details[0].path).toBe('investmentYuan');
    expect(refusal(() => parseRequestPart(ReportBody, report({ investmentYuan: 1e14 }))).en.details[0].path).toBe('investmentYuan');
  });

  it.each([0, 0.01, 12.5, 33.33, 99.99, 100])('accepts percentComplete %s', (value) => {
    expect(ReportBody.parse(report({ percentComplete: value })).percentComplete).toBe(value);
  });

  it.each([0, 0.01, 1234.56, 1.2e8, 1e13])('accepts investmentYuan %s', (value) => {
    expect(ReportBody.parse(report({ investmentYuan: value })).investmentYuan).toBe(value);
  });
});

describe('dates between 2000-01-01 and 2100-12-31, in every date of a query or a body', () => {
  const outside = ['9999-12-31', '1999-12-31', '2101-01-01', '0001-01-01'];
  const item = { title: '供水改造', source: 'work-report', sourceRef: '134号', leadUnit: 'hanbin-district', requirements: ['进展'] };

  it.each(outside)('refuses %s with one clear message', (date) => {
    const cases: [unknown, unknown, string, string?][] = [
      [OverviewQuery, { asOf: date }, 'query.asOf', 'query'],
      [ItemListQuery, { dueBefore: date }, 'query.dueBefore', 'query'],
      [ItemListQuery, { dueAfter: date }, 'query.dueAfter', 'query'],
      [ItemRegistrationBody, { ...item, dueDate: date }, 'dueDate'],
      [ItemRegistrationBody, { ...item, dueDate: '2027-06-30', milestones: [{ title: '一期', dueDate: date }] }, 'milestones.0.dueDate'],
      [ExtensionRequestBody, { newDueDate: date, reason: '施工受阻' }, 'newDueDate'],
    ];
    for (const [schema, value, path, where] of cases) {
      const answer = refusal(() => parseRequestPart(schema as typeof OverviewQuery, value, where));
      expect(answer.status).toBe(400);
      expect(answer.en.details).toEqual([{ path, message: 'must be between 2000-01-01 and 2100-12-31' }]);
    }
  });

  it('says only that a date that is not one is not one', () => {
    expect(refusal(() => parseRequestPart(OverviewQuery, { asOf: '2026-02-30' }, 'query')).en.details).toEqual([
      { path: 'query.asOf', message: 'must be a real calendar date, YYYY-MM-DD' },
    ]);
    expect(refusal(() => parseRequestPart(OverviewQuery, { asOf: 'garbage' }, 'query')).en.details).toHaveLength(1);
  });

  it.each(['2000-01-01', '2026-12-31', '2100-12-31'])('accepts %s', (date) => {
    expect(OverviewQuery.parse({ asOf: date }).asOf).toBe(date);
  });
});

/**
 * Issue 21, item 6: the ranges and steps the server checks are in /openapi.json, and say exactly what it takes,
 * so a client generated from the document refuses what the server would (tests/integration/openapi.test.ts
 * sends what the document allows and finds no 400).
 */
describe('the rules /openapi.json publishes are the ones the server checks', () => {
  const document = openApiDocument() as any;
  const schemas = document.components.schemas;
  const parameter = (path: string, name: string) =>
    document.paths[path].get.parameters.find((p: { name: string }) => p.name === name).schema;

  it('a date: the pattern (2000–2100) with format date is what CalendarDateSchema takes, day by day', () => {
    const published = parameter('/reports/overview', 'asOf');
    expect(published.format).toBe('date');
    const pattern = new RegExp(published.pattern, 'u');
    const days: string[] = [];
    for (let t = Date.UTC(1999, 11, 1); t <= Date.UTC(2101, 0, 31); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    const malformed = ['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-01', '0000-01-01', '9999-12-31', '+2026-01-01', ' 2026-01-01'];
    const disagreeing = [...days, ...malformed].filter(
      (d) => CalendarDateSchema.safeParse(d).success !== (pattern.test(d) && isCalendarDate(d)),
    );
    expect(disagreeing).toEqual([]);
  });

  it('a year in a path or a query: the pattern is what the server takes, 0000 to 9999', () => {
    const pattern = new RegExp(parameter('/calendar/{year}', 'year').pattern, 'u');
    expect(parameter('/reports/assessment', 'year').pattern).toBe(pattern.source);
    const years = Array.from({ length: 10_000 }, (_, y) => String(y).padStart(4, '0'));
    expect(years.filter((year) => CalendarYearPath.safeParse({ year }).success !== pattern.test(year))).toEqual([]);
  });

  it('percentComplete and investmentYuan: multipleOf 0.01, and every hundredth in range is taken', () => {
    const report = schemas.ReportSubmission.properties;
    expect([report.percentComplete.multipleOf, report.investmentYuan.multipleOf]).toEqual([0.01, 0.01]);
    const body = { summary: '推进', answers: [] };
    const refused = Array.from({ length: 10_001 }, (_, k) => Number((k * 0.01).toFixed(2))).filter(
      (percentComplete) => !ReportBody.safeParse({ ...body, percentComplete }).success,
    );
    expect(refused).toEqual([]);
    expect(ReportBody.safeParse({ ...body, percentComplete: 33.333 }).success).toBe(false);
  });

  it("an address: zod's own rule as the pattern, which refuses 0@com", () => {
    const email = schemas.Contact.properties.email;
    expect(new RegExp(email.pattern, 'u').test('0@com')).toBe(false);
    expect(new RegExp(email.pattern, 'u').test('li.si@hanbin.gov.cn')).toBe(true);
  });

  it('an edit names at least one field, and a return carries a reason', () => {
    expect([schemas.ItemEdit.minProperties, schemas.UnitEdit.minProperties]).toEqual([1, 1]);
    expect(schemas.RectificationReview.discriminator.propertyName).toBe('decision');
    expect(schemas.RectificationReturned.required).toEqual(['decision', 'reason']);
  });
});

describe('a page cursor is checked against the query it resumes', () => {
  const history = (itemId: string) => `history|${itemId}`;
  const forge = (q: string, k: Record<string, string>) => Buffer.from(JSON.stringify({ q, k })).toString('base64url');
  const itemBounds = { PK: (v: string) => v === 'ITEM#a', SK: (v: string) => v.startsWith('EVENT#') };
  const code = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return { status: problemFor(error, 'en').statusCode, details: JSON.parse(problemFor(error, 'en').body).error.details };
    }
    return 'accepted';
  };

  it('gives back the key of a cursor it issued', () => {
    const key = { PK: { S: 'ITEM#a' }, SK: { S: 'EVENT#0000000003' } };
    expect(decodeCursor(history('a'), encodeCursor(history('a'), key), ['PK', 'SK'], itemBounds)).toEqual(key);
  });

  it.each([
    ['garbage', '!!!not base64 json'],
    ['base64 of something else', Buffer.from('[1,2,3]').toString('base64url')],
    ['an empty key value', forge(history('a'), { PK: 'ITEM#a', SK: '' })],
    ["another item's key under this item's query", forge(history('a'), { PK: 'ITEM#b', SK: 'EVENT#0000000003' })],
    ['a key of another kind of record', forge(history('a'), { PK: 'ITEM#a', SK: 'REPORT#x' })],
    ['a cursor of another item', forge(history('b'), { PK: 'ITEM#b', SK: 'EVENT#0000000003' })],
    ['missing key names', forge(history('a'), { PK: 'ITEM#a' })],
    ['a key value that is no text', Buffer.from(JSON.stringify({ q: history('a'), k: { PK: 'ITEM#a', SK: 3 } })).toString('base64url')],
    ['keys in a list', Buffer.from(JSON.stringify({ q: history('a'), k: ['ITEM#a', 'EVENT#0000000003'] })).toString('base64url')],
  ])('refuses %s with a 400 about the cursor', (_, cursor) => {
    const answer = code(() => decodeCursor(history('a'), cursor, ['PK', 'SK'], itemBounds));
    expect(answer).toMatchObject({ status: 400, details: [{ path: 'cursor' }] });
  });

  it("bounds a ledger cursor to the plan's partition and due-date range", () => {
    const plan = itemsQueryPlan({ dueAfter: '2026-12-31', dueBefore: '2027-03-01' }, '2026-11-29');
    const [pk, sk] = plan.keyNames.slice(2) as [string, string];
    const key = (due: string, partition = 'LEDGER') => forge(plan.id, { PK: 'ITEM#x', SK: 'ITEM', [pk]: partition, [sk]: `${due}#x` });
    expect(decodeCursor(plan.id, key('2027-01-15'), plan.keyNames, plan.cursorBounds)).toBeDefined();
    for (const forged of [key('2026-06-30'), key('2027-03-01'), key('2027-01-15', 'UNIT#other')]) {
      expect(code(() => decodeCursor(plan.id, forged, plan.keyNames, plan.cursorBounds))).toMatchObject({ status: 400 });
    }
  });
});
