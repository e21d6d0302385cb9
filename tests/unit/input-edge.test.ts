import { describe, expect, it } from 'vitest';
import { problemFor } from '../../functions/http/problems';
import { IdempotencyKey } from '../../functions/http/schemas';
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
