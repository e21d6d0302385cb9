import * as z from 'zod';
// Only the two locales spoken: `z.locales` would bundle all of zod's forty-odd.
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { isMessageKey, say, type Message } from '../messages/message';

type Issue = z.core.$ZodIssue;

/**
 * Parses a request part, keeping each issue's input (to tell a missing field
 * from a wrong one). A failure is the ZodError with every path under `where`
 * (`query.limit`), answered as a 400 naming each field (problems.ts).
 */
export function parseRequestPart<T>(schema: z.ZodType<T>, value: unknown, where?: string): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  if (where === undefined) throw result.error;
  throw new z.ZodError(result.error.issues.map((issue) => ({ ...issue, path: [where, ...issue.path] })));
}

const zodLocales = { zh: zhCN().localeError, en: en().localeError };

/**
 * One field's problem as a message of the catalogue, in the words a clerk
 * reads; a schema's own rule says its catalogue key as its message. Issues
 * the catalogue has no words for fall back to zod's own zh-CN and English
 * locales, called per issue: zod's global configuration (z.config) would
 * make one language for every request the function serves.
 */
export function issueMessage(issue: Issue): Message {
  // A rule's values (the character it found) ride on its issue's params.
  if (isMessageKey(issue.message)) return { key: issue.message, params: (issue.code === 'custom' && issue.params) || {} } as Message;
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.expected === 'int') return say('input.integer');
      if ((issue as { received?: string }).received === 'NaN') return say('input.not-a-number');
      if (!('input' in issue)) return say('input.wrong-type', { expected: issue.expected, received: 'unknown' });
      if (issue.input === undefined) return say('input.required');
      return say('input.wrong-type', { expected: issue.expected, received: typeOf(issue.input) });
    }
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? say('input.empty') : say('input.too-short', { minimum: Number(issue.minimum) });
      if (issue.origin === 'array') return say('input.too-few', { minimum: Number(issue.minimum) });
      return say('input.too-small', { minimum: Number(issue.minimum), inclusive: issue.inclusive !== false });
    case 'too_big':
      if (issue.origin === 'string') return say('input.too-long', { maximum: Number(issue.maximum) });
      if (issue.origin === 'array') return say('input.too-many', { maximum: Number(issue.maximum) });
      return say('input.too-big', { maximum: Number(issue.maximum), inclusive: issue.inclusive !== false });
    case 'invalid_value':
      return say('input.one-of', { values: issue.values.map(String) });
    case 'invalid_format':
      if (issue.format === 'email') return say('input.email');
      if (issue.format === 'datetime') return say('input.datetime');
      if (issue.format === 'regex' && issue.pattern) return say('input.pattern', { pattern: issue.pattern });
      return say('input.format', { format: issue.format });
    case 'unrecognized_keys':
      return say('input.unknown-fields', { keys: issue.keys });
    case 'invalid_union': {
      // A date or {"workingDays": N} (DueInputSchema): say what is wrong with the form the client meant, a string
      // being a date, an object working days; else zod's one word for it.
      const meant = issue.errors?.[typeof issue.input === 'string' ? 0 : 1]?.[0];
      return meant && ['string', 'object'].includes(typeof issue.input) ? issueMessage(meant) : say('input.invalid');
    }
    default:
      return say('input.zod', { zh: localeText('zh', issue), en: localeText('en', issue) });
  }
}

function localeText(language: keyof typeof zodLocales, issue: Issue): string {
  const text = zodLocales[language](issue as never);
  return (typeof text === 'string' ? text : text?.message) ?? issue.message;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
