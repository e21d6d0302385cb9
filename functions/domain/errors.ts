import { render, type Message } from '../messages/message';

/**
 * What can go wrong, named by meaning. The HTTP layer maps each kind to its
 * status in one place (functions/http/problems.ts); the domain knows no HTTP
 * and no language: an error carries a message of the catalogue
 * (functions/messages/), rendered in the caller's language at the edge.
 */
export interface ProblemDetail {
  path?: string;
  message: Message;
  [key: string]: unknown;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    readonly problem: Message,
    readonly details: ProblemDetail[] = [],
  ) {
    // In English for logs and stack traces; callers see `problem` rendered in their language.
    super(render(problem, 'en'));
    this.name = new.target.name;
  }
}

/** The request itself is malformed (wrong shape, unknown field, bad cursor). */
export class InvalidInput extends DomainError {
  readonly code = 'invalid-input';
}

/** No identity was presented, or it could not be verified. */
export class Unauthenticated extends DomainError {
  readonly code = 'unauthenticated';
}

/** The caller's role may not do this (rule 6). */
export class Forbidden extends DomainError {
  readonly code = 'forbidden';
}

/** Not there — or not the caller's to see, which must look the same. */
export class NotFound extends DomainError {
  readonly code = 'not-found';
}

/** The state or version has moved on: an illegal transition or a lost race. */
export class Conflict extends DomainError {
  readonly code: string;
  constructor(problem: Message, code = 'conflict', details?: ProblemDetail[]) {
    super(problem, details);
    this.code = code;
  }
}

/** The caller edited a version that is no longer the current one (If-Match stale): 412. */
export class PreconditionFailed extends DomainError {
  readonly code = 'version-stale';
}

/** An edit came without If-Match: it must say which version it edits (428). */
export class PreconditionRequired extends DomainError {
  readonly code = 'if-match-required';
}

/** Well-formed, but a rule of the notice or of the ledger forbids it. */
export class RuleViolation extends DomainError {
  readonly code: string;
  constructor(code: string, problem: Message, details?: ProblemDetail[]) {
    super(problem, details);
    this.code = code;
  }
}

/**
 * Not now, and nothing of the request was written: the same request may be sent again after
 * `retryAfterSeconds` (503 with Retry-After). Raise it only where that is true.
 */
export class TryAgainLater extends DomainError {
  readonly code: string;
  constructor(
    problem: Message,
    code = 'unavailable',
    readonly retryAfterSeconds = 1,
  ) {
    super(problem);
    this.code = code;
  }
}
