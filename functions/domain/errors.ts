/**
 * What can go wrong, named by meaning. The HTTP layer maps each kind to its
 * status in one place (functions/http/problems.ts); the domain knows no HTTP.
 */
export interface ProblemDetail {
  path?: string;
  message: string;
  [key: string]: unknown;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details?: ProblemDetail[] | Record<string, unknown>,
  ) {
    super(message);
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
  constructor(message: string, code = 'conflict', details?: DomainError['details']) {
    super(message, details);
    this.code = code;
  }
}

/** Well-formed, but a rule of the notice or of the ledger forbids it. */
export class RuleViolation extends DomainError {
  readonly code: string;
  constructor(code: string, message: string, details?: DomainError['details']) {
    super(message, details);
    this.code = code;
  }
}
