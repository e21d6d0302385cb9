import pMap from 'p-map';

/**
 * How many independent round trips a use case keeps in flight when one change touches many items or units (a
 * notice naming 105 units, a job's marks): one after another, each waits out the whole of the one before (about
 * 530 sequential calls for a notice of 105 items); all at once, a big notice would open hundreds of sockets and
 * burst the table's capacity. Eight keeps a Lambda well inside the SDK's 50 sockets.
 */
export const FAN_OUT = 8;

/**
 * Runs `task` for each of `all`, FAN_OUT at a time, for work whose parts are independent (different items or
 * records, each write keyed so a re-run repeats none). Rejects with the first failure, after which no part
 * starts; parts already started finish, and the caller's re-run completes the rest, as it would after a crash.
 */
export async function eachOf<T>(all: Iterable<T>, task: (one: T) => Promise<unknown>): Promise<void> {
  await pMap(all, task, { concurrency: FAN_OUT });
}
