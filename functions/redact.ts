/**
 * What never reaches a log line (issue 11): email addresses, bearer tokens
 * and JWTs, and the text people write (reports, rectifications, clues, mail
 * bodies). Plain functions, applied by the logger to every key and value it
 * serialises (observability.ts), whatever a caller passes it.
 */

/** Keys whose value is what a person wrote, an address, or a credential: dropped whole, whatever it holds. */
const REDACTED_KEYS = new Set(
  [
    'authorization',
    'cookie',
    'token',
    'idToken',
    'accessToken',
    'refreshToken',
    'password',
    'secret',
    'body',
    'text',
    'html',
    'subject',
    'summary',
    'answers',
    'answer',
    'report',
    'explanation',
    'measures',
    'clue',
    'findings',
    'difficulties',
    'reason',
    'note',
    'description',
    'email',
    'contacts',
    'to',
    'cc',
    'bcc',
    'replyTo',
  ].map((key) => key.toLowerCase()),
);

export const REDACTED = '[redacted]';

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** A JWT (Cognito's ID tokens, the local ones): three base64url parts, the first a JSON header. */
const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer)\s+[^\s"',;]+/gi;

/** A string with every address and token in it replaced. */
export function redactText(text: string): string {
  return text.replace(JWT, '[token]').replace(BEARER, '$1 [token]').replace(EMAIL, '[email]');
}

/**
 * The logger's JSON replacer: a value under a key of REDACTED_KEYS is dropped
 * (counts stay: a number says how many, not what), any other string is
 * scrubbed of addresses and tokens.
 */
export function redactLogValue(key: string, value: unknown): unknown {
  if (key !== '' && REDACTED_KEYS.has(key.toLowerCase()) && typeof value !== 'number' && typeof value !== 'boolean' && value != null) {
    return REDACTED;
  }
  return typeof value === 'string' ? redactText(value) : value;
}
