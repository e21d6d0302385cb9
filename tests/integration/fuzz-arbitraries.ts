/**
 * fast-check arbitraries generated from the contract's zod schemas, for the schema-driven fuzzing of
 * every route (fuzz.test.ts). zod-fast-check supports zod 3 only, so the schemas go through zod 4's own
 * JSON Schema export (`z.toJSONSchema`, the same document /openapi.json is made of) and this file turns
 * that into values: mostly valid ones, so requests get past validation and reach the use cases and the
 * table, then the same values with one part made hostile.
 */
import fc from 'fast-check';
import * as z from 'zod';

type Schema = {
  $ref?: string;
  $defs?: Record<string, Schema>;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
};

/** The JSON Schema of a request part as clients write it (zod's input side). */
export const jsonSchemaOf = (schema: z.ZodType): Schema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;

/** Text a person could type, Chinese and Latin, short enough to keep requests fast. */
const humanText = fc.oneof(
  fc.constantFrom('供水管网改造', '按计划推进', 'G210 国道', '资金到位 80%', '整改报告', 'Ｇ２１０', '<b>粗体</b>', "'=1+1"),
  fc.string({ unit: fc.constantFrom(...'督查事项办理进展情况abcXYZ 0123456789，。'.split('')), minLength: 1, maxLength: 40 }),
);

/** Strings that have broken or could break something: control characters, lone surrogates, separators, markup, formulas. */
export const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '供水\ud800改造',
    '\udc00',
    '\ud83d',
    '\u2028',
    '\u2029',
    '\u0085',
    '\u200b\u200b',
    '\ufeff',
    'line\nbreak',
    'cr\rhere',
    'tab\there',
    '\u001b[31m',
    '=cmd|" /C calc"!A0',
    '+SUM(1,2)',
    '@import',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    '%ZZ',
    '%',
    '../../etc/passwd',
    '😀',
    '\u{10ffff}',
    'NaN',
    'Infinity',
    '-0',
    '1e-200',
    '2026-02-30',
    '2026-13-01',
    '0000-00-00',
    '9999-12-31',
    '2026-2-3',
    '2026-02-03T00:00:00Z',
    '+275760-09-13',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\u007f', '\u2028', '\ud800', '\udfff', 'a', '供'), maxLength: 20 }),
  fc.nat({ max: 300_000 }).map((n) => '长'.repeat(n)),
);

/** Nested arrays or objects `depth` deep. */
const nested = (depth: number, asObject: boolean): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = asObject ? { a: value } : [value];
  return value;
};

/** A value of any JSON type, and some that only look like JSON in JavaScript. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1e-200, 1e-131, 1e308, -1e308, 2 ** 53 + 1, 0.1 + 0.2, 100.001, -0, 1.5),
  fc.double(),
  fc.integer(),
  fc.constantFrom([], {}, [null], { __proto__: { polluted: true } }, JSON.parse('{"__proto__":{"polluted":true}}')),
  // As values (JSON.stringify recurses: deeper ones go in as text, see malformedJson).
  fc.nat({ max: 1000 }).map((d) => nested(d, d % 2 === 0)),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }),
);

const datePart = (n: number) => String(n).padStart(2, '0');
const calendarDate = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${datePart(m)}-${datePart(d)}`),
  },
);

/** Values the schema accepts, as far as JSON Schema says (refinements such as "two decimals" are only mostly met). */
export function arbitraryOf(schema: Schema, root: Schema = schema): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/$defs/', '');
    const target = root.$defs?.[name];
    if (!target) throw new Error(`No definition ${schema.$ref}`);
    return arbitraryOf(target, root);
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices) return fc.oneof(...choices.map((s) => arbitraryOf(s, root)));
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const record = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, arbitraryOf(s, root)]));
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    case 'array': {
      const max = Math.min(schema.maxItems ?? 5, 5);
      return fc.array(arbitraryOf(schema.items ?? {}, root), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(max, schema.minItems ?? 0),
      });
    }
    case 'string': {
      if (schema.format === 'date') return calendarDate;
      if (schema.format === 'email') return fc.emailAddress();
      // JSON Schema's patterns are ECMAScript with the `u` flag (typed text's use \p{…}).
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern, 'u'));
      const maxLength = Math.min(schema.maxLength ?? 40, 40);
      return humanText.filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= maxLength);
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.oneof(
        fc.integer({ min: Math.ceil(schema.minimum ?? -1000), max: Math.floor(schema.maximum ?? 1000) }),
        fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true }),
      );
    case 'boolean':
      return fc.boolean();
    default:
      return hostileValue;
  }
}

/** One change that makes a valid value hostile: a field replaced, dropped or added (`__proto__` too), or the whole value. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), hostileValue, fc.nat({ max: 4 })).map(([value, pick, hostile, how]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return hostile;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = keys.length > 0 ? keys[pick % keys.length] : undefined;
    switch (how) {
      case 0:
        if (key !== undefined) copy[key] = hostile;
        return copy;
      case 1:
        if (key !== undefined) delete copy[key];
        return copy;
      case 2:
        // As JSON.parse makes it: an own property named __proto__, not a prototype.
        Object.defineProperty(copy, '__proto__', { value: hostile, enumerable: true, configurable: true, writable: true });
        return copy;
      case 3: {
        // Inside an array of objects (answers, contacts, milestones) when there is one.
        const list = keys.find((k) => Array.isArray(copy[k]) && (copy[k] as unknown[]).some((e) => e && typeof e === 'object'));
        if (list === undefined) return { ...copy, extra: hostile };
        const [first, ...rest] = copy[list] as Record<string, unknown>[];
        const firstKeys = Object.keys(first ?? {});
        const inner = firstKeys[pick % Math.max(firstKeys.length, 1)] ?? 'x';
        copy[list] = [{ ...first, [inner]: hostile }, ...rest];
        return copy;
      }
      default:
        return hostile;
    }
  });
}

/** Bodies that are not JSON, or JSON of the wrong kind or depth. */
export const malformedJson = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '}',
    '{"a":',
    '{"a":1,}',
    "{'a':1}",
    'null',
    'true',
    '1',
    '"text"',
    '[]',
    '{"a":1}{"b":2}',
    '\u0000',
    '{"a":"\\ud800"}',
  ),
  fc.constantFrom('[', '{"a":').map((open) => open.repeat(20_000)),
  // Well-formed, and nested deeper than any recursive walk could follow.
  fc.integer({ min: 10_000, max: 100_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 10_000, max: 100_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.string({ unit: 'binary', maxLength: 60 }),
);
