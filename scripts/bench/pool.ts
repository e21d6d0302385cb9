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

/** Creates things through the API as one signed-in person: a POST that must answer 201 Created, its body read and dropped. */
export function poster(apiUrl: string, token: string) {
  return async (path: string, body: unknown, idempotencyKey: string): Promise<void> => {
    const res = await fetch(apiUrl + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
}
