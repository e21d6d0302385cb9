import { describe, expect, it } from 'vitest';
import { ledgerCsv } from '../../functions/adapters/spreadsheet/ledger-files';
import { ledgerColumns } from '../../functions/domain/ledger-sheet';
import { problemFor } from '../../functions/http/problems';
import {
  CompletionBody,
  IdempotencyKey,
  ItemRegistrationBody,
  NoticeBody,
  ReportBody,
  UnitRegistrationBody,
  VerificationBody,
} from '../../functions/http/schemas';
import { parseRequestPart } from '../../functions/http/validation';

/** The answer a request part gets when it is refused, in both languages. */
function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    const zh = problemFor(error, 'zh');
    const en = problemFor(error, 'en');
    return { status: zh.statusCode, zh: JSON.parse(zh.body).error, en: JSON.parse(en.body).error };
  }
  throw new Error('accepted');
}

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
  const row = (title: string, unit = '汉滨区') => ({
    cells: ['1', title, '政府工作报告', unit, '', '2027-06-30', '已交办', '—', '绿灯', '—'],
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
    expect(records[1]?.[3]).toBe('汉滨区\n-2+3');
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
