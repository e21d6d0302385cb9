import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The instant by which the request being served must stop starting work, so that it answers before its
 * function is stopped. Set by the HTTP edge from the invocation's remaining time; kept per request (one
 * local process serves many requests at once), so use cases read it without knowing of Lambda.
 */
const current = new AsyncLocalStorage<number | undefined>();

export const withDeadline = <T>(at: number | undefined, run: () => T): T => current.run(at, run);

/** Milliseconds since the epoch, or undefined outside a request that set one. */
export const requestDeadline = (): number | undefined => current.getStore();
