/**
 * The requests the local API is serving right now, in this process. In AWS the stream's follower runs in Lambdas
 * of its own; here it shares the one event loop with the API, so the poller (stream-poller.ts) lets the requests
 * in flight go first rather than take their time (a burst of 50 reports must not wait on the chaining of the
 * first ones).
 */
const KEY = Symbol.for('ducha.local.requestsInFlight');
type Holder = { [KEY]?: number };

export const requestStarted = () => {
  (globalThis as Holder)[KEY] = ((globalThis as Holder)[KEY] ?? 0) + 1;
};
export const requestEnded = () => {
  (globalThis as Holder)[KEY] = Math.max(0, ((globalThis as Holder)[KEY] ?? 1) - 1);
};
export const requestsInFlight = () => (globalThis as Holder)[KEY] ?? 0;
