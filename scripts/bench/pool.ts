/** Runs `count` tasks with at most `concurrency` in flight; returns tasks per second. */
export async function throughput(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        await task(i);
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

export const round = (n: number, digits = 0) => Number(n.toFixed(digits));
