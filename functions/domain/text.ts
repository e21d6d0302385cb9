/**
 * What counts as text a person typed. Every text field of the API is held to
 * it at the edge (http/schemas.ts), because text is stored once and then
 * copied into every email, digest and spreadsheet that names it: one bad
 * character accepted is one email that can never be sent, every day.
 */

/** Half of a UTF-16 surrogate pair without its other half: no character at all, and no UTF-8 encoding exists for it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Line breaks of every kind: CR, LF, NEL, and the Unicode line and paragraph separators. */
export const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;

/**
 * Characters no one types in a form: C0 controls but TAB, LF and CR (which a
 * text area sends), DEL, C1 controls (NEL among them: a line break of EBCDIC,
 * no keyboard's), and the noncharacters U+FFFE and U+FFFF. The Unicode line
 * and paragraph separators U+2028/U+2029 stay allowed in text of many lines:
 * they are characters of text (word processors paste them), UTF-8 encodes them
 * and nothing downstream of such a field breaks on them (emails escape text,
 * the spreadsheet quotes its cells); only a one-line field refuses them, as a break.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const NOT_TEXT_MULTI_LINE = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]/;
/** The same on one line, where TAB, LF and CR are not text either. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const NOT_TEXT_ONE_LINE = /[\0-\x1F\x7F-\x9F\u2028\u2029\uFFFE\uFFFF]/;

/**
 * Nothing to see: white space of every kind and the characters Unicode says
 * to render as nothing (zero-width space, joiners, word joiner, BOM, soft hyphen, …).
 */
const INVISIBLE_ONLY = /^[\s\p{Default_Ignorable_Code_Point}]+$/u;

export type TextProblem =
  | { key: 'schema.broken-character' }
  | { key: 'schema.single-line' }
  | { key: 'schema.forbidden-character'; character: string }
  | { key: 'schema.invisible-only' };

/** U+0000 … : how a character is named to the person who typed it (it cannot be shown). */
export const codePointName = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first thing wrong with a text as typed text, or undefined. `oneLine`
 * for titles and names, which head emails and fill one cell of the ledger.
 * An empty text is no problem here (whether it may be empty is the field's own rule).
 */
export function textProblem(value: string, oneLine: boolean): TextProblem | undefined {
  if (LONE_SURROGATE.test(value)) return { key: 'schema.broken-character' };
  if (oneLine && LINE_BREAK.test(value)) return { key: 'schema.single-line' };
  const control = (oneLine ? NOT_TEXT_ONE_LINE : NOT_TEXT_MULTI_LINE).exec(value);
  if (control) return { key: 'schema.forbidden-character', character: codePointName(control[0]) };
  if (value !== '' && INVISIBLE_ONLY.test(value)) return { key: 'schema.invisible-only' };
  return undefined;
}

/**
 * The rules of `textProblem` as one JSON Schema pattern (ECMAScript, `u` flag), for /openapi.json: a client
 * generated from the document refuses what the server would. Leading characters that show nothing, then one
 * that shows, then any allowed ones; written without lookarounds, and unambiguous, so it runs in linear time.
 * `tests/unit/typed-text.test.ts` holds it to `textProblem`, character by character.
 */
export function typedTextPattern(oneLine: boolean): string {
  // JavaScript's \s without the characters the field forbids: \v and \f everywhere, TAB and line breaks on one line.
  const blank = oneLine
    ? ' \\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000\\uFEFF'
    : '\\t\\n\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF';
  const forbidden = `${oneLine ? '\\x00-\\x1F' : '\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F'}\\x7F-\\x9F${oneLine ? '\\u2028\\u2029' : ''}\\uD800-\\uDFFF\\uFFFE\\uFFFF`;
  const invisible = `[${blank}\\p{Default_Ignorable_Code_Point}]`;
  const shown = `[^\\s\\p{Default_Ignorable_Code_Point}\\x00-\\x1F\\x7F-\\x9F\\uD800-\\uDFFF\\uFFFE\\uFFFF]`;
  return `^${invisible}*${shown}[^${forbidden}]*$`;
}

/** True when the string can be encoded as UTF-8 (no lone surrogate): what an email, a URL or a file needs. */
export const isWellFormed = (value: string) => !LONE_SURROGATE.test(value);

/** The text with each lone surrogate replaced by U+FFFD: encodable as UTF-8, everything else unchanged. */
export const wellFormed = (value: string) => value.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');

/**
 * A text stored before the edge refused bad characters, made safe to quote
 * in an email: each lone surrogate becomes U+FFFD (what a UTF-8 decoder
 * shows for a bad byte), each control character a space.
 */
export function quotable(value: string): string {
  return wellFormed(value).replace(new RegExp(NOT_TEXT_ONE_LINE.source, 'g'), ' ');
}
