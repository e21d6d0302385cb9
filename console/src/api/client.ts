/**
 * The one way the console calls the API: openapi-fetch over the paths
 * generated from the contract (so a call the contract does not have does not
 * compile), with the signed-in person's ID token, and every failure turned
 * into an ApiError carrying the API's message.
 */
import createClient from 'openapi-fetch';
import { ApiError, apiErrorOf, NETWORK_ERROR_MESSAGE } from './errors';
import { officeHeader } from './office-view';
import type { paths } from './schema';

type TokenSource = () => string | undefined;
let tokenSource: TokenSource = () => undefined;
let onUnauthenticated: () => void = () => undefined;

/** Set by the sign-in provider: where the bearer token comes from, and what to do when the API says it is no longer valid. */
export function connectAuth(source: TokenSource, unauthenticated: () => void): void {
  tokenSource = source;
  onUnauthenticated = unauthenticated;
}

export function bearer(): Record<string, string> {
  const token = tokenSource();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

// The console and the API share one origin (locally and behind CloudFront).
export const api = createClient<paths>({ baseUrl: typeof window === 'undefined' ? '' : window.location.origin });

api.use({
  onRequest({ request }) {
    for (const [name, value] of Object.entries({ ...bearer(), ...officeHeader() })) request.headers.set(name, value);
    return request;
  },
});

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an ApiError; a 401 also signs the person out. */
export async function ok<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, 'network', NETWORK_ERROR_MESSAGE);
  }
  if (result.response.ok) return result.data as T;
  const failure = apiErrorOf(result.response.status, result.error);
  if (failure.status === 401) onUnauthenticated();
  throw failure;
}
