import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../../functions/domain/errors';
import { idempotencyRequest, once } from '../../functions/use-cases/idempotency';
import { IdempotencyRace, type IdempotencyRecord, type IdempotencyStore, type IdempotencyWrite } from '../../functions/use-cases/ports';

/** A store that behaves like the table: a record exists once a creation wrote it. */
function memoryStore() {
  const records = new Map<string, IdempotencyRecord>();
  const store: IdempotencyStore = {
    find: async (scope, now) => {
      const r = records.get(scope);
      return r && r.expiresAt > now ? r : null;
    },
  };
  const write = (w: IdempotencyWrite) => {
    if (records.has(w.scope)) throw new IdempotencyRace();
    records.set(w.scope, { fingerprint: w.fingerprint, result: w.result, expiresAt: w.expiresAt });
  };
  return { store, write, records };
}

const now = new Date('2026-11-26T02:00:00Z');

describe('once: a creation runs at most once per Idempotency-Key', () => {
  it('runs without a key every time', async () => {
    const { store } = memoryStore();
    let runs = 0;
    await once(store, undefined, now, async () => ++runs);
    await once(store, undefined, now, async () => ++runs);
    expect(runs).toBe(2);
  });

  it('answers a retry with the first answer and does not run again', async () => {
    const { store, write } = memoryStore();
    const request = idempotencyRequest('key-00000001', 'office-1', 'POST /items', { title: 'a' });
    let runs = 0;
    const create = async (remember?: (r: { n: number }) => IdempotencyWrite) => {
      const result = { n: ++runs };
      write(remember!(result));
      return result;
    };
    const first = await once(store, request, now, create);
    const second = await once(store, request, now, create);
    expect(first).toEqual({ result: { n: 1 }, replayed: false });
    expect(second).toEqual({ result: { n: 1 }, replayed: true });
    expect(runs).toBe(1);
  });

  it('refuses a key reused for a different request (422)', async () => {
    const { store, write } = memoryStore();
    const create = async (remember?: (r: string) => IdempotencyWrite) => {
      write(remember!('x'));
      return 'x';
    };
    await once(store, idempotencyRequest('key-00000001', 'o', 'POST /items', { title: 'a' }), now, create);
    await expect(once(store, idempotencyRequest('key-00000001', 'o', 'POST /items', { title: 'b' }), now, create)).rejects.toThrow(
      RuleViolation,
    );
  });

  it('scopes keys by caller: two callers may use the same key', async () => {
    const a = idempotencyRequest('key-00000001', 'office-1', 'POST /items', {});
    const b = idempotencyRequest('key-00000001', 'office-2', 'POST /items', {});
    expect(a?.scope).not.toBe(b?.scope);
  });

  it('returns the winner’s answer when a concurrent request stored the key first', async () => {
    const { store, write } = memoryStore();
    const request = idempotencyRequest('key-00000001', 'o', 'POST /units', { id: 'u' })!;
    // The other request lands between our look-up and our write.
    const create = async (remember?: (r: string) => IdempotencyWrite) => {
      write({ ...remember!('winner'), result: 'winner' });
      write(remember!('loser'));
      return 'loser';
    };
    await expect(once(store, request, now, create)).resolves.toEqual({ result: 'winner', replayed: true });
  });

  it('forgets a key after a day', async () => {
    const { store, write } = memoryStore();
    const request = idempotencyRequest('key-00000001', 'o', 'POST /units', {});
    let runs = 0;
    const create = async (remember?: (r: number) => IdempotencyWrite) => {
      const n = ++runs;
      write(remember!(n));
      return n;
    };
    await once(store, request, now, create);
    const later = new Date(now.getTime() + 25 * 3600 * 1000);
    // The stored record is past its window: it no longer answers, so the creation may run again.
    await expect(store.find(request!.scope, later)).resolves.toBeNull();
  });
});
