import { describe, expect, it } from 'vitest';
import { TryAgainLater } from '../../functions/domain/errors';
import type { Item } from '../../functions/domain/items';
import { newItem } from '../../functions/domain/registration';
import { change } from '../../functions/domain/lifecycle';
import { changeItem, CONTENDED_TRIES, MAX_RUN } from '../../functions/use-cases/change-item';
import { StaleItem, type ItemChange, type ItemRepository } from '../../functions/use-cases/ports';

const office = { sub: 'o', role: 'office' as const };
const now = new Date('2026-11-26T02:00:00Z');
const base = newItem(
  {
    title: 't',
    description: '',
    source: 'work-report',
    sourceRef: 'r',
    leadUnit: 'a',
    coUnits: [],
    dueDate: '2026-12-31',
    requirements: ['x'],
    projectType: false,
    milestones: [],
  },
  { id: 'i1', actor: office, now },
).item;

/**
 * An item store whose first `losses` commits lose to another writer, as under contention: each loss moves the item
 * on by someone else's change (or, with `inFlightOnly`, leaves it as it was: DynamoDB saw only a transaction in flight).
 */
function contended(losses: number, options: { inFlightOnly?: boolean; returnsFresh?: boolean } = {}) {
  let current: Item = base;
  const commits: ItemChange[] = [];
  let lost = 0;
  let reads = 0;
  const items = {
    get: async () => {
      reads += 1;
      return current;
    },
    commit: async (c: ItemChange) => {
      if (lost < losses) {
        lost += 1;
        if (options.inFlightOnly) throw new StaleItem(c.after.id, undefined, true);
        current = { ...current, version: current.version + 1, lastSeq: current.lastSeq + 1 }; // someone else's change
        throw new StaleItem(c.after.id, options.returnsFresh ? current : undefined);
      }
      const expected = c.commutes ? c.before.lastSeq === current.lastSeq : c.before.version === current.version;
      if (!expected) throw new StaleItem(c.after.id);
      commits.push(c);
      current = c.after;
    },
  } as unknown as ItemRepository;
  return {
    items,
    commits,
    reads: () => reads,
    idempotency: { find: async () => null },
    clock: { now: () => now },
    sleep: async () => {},
  };
}

const touch = (item: Item) => ({ ...change(item, office, now, 'test.touched', {}, {}), result: 'ok' });

describe('changeItem: one writer wins, the other retries or is told', () => {
  it('decides a commuting change again on the fresh item until it wins, written on the history counter', async () => {
    const deps = contended(3);
    let decisions = 0;
    await changeItem(deps, office, 'i1', { commutes: true }, (item) => {
      decisions += 1;
      return touch(item);
    });
    // Once before its turn (a refusal answers at once), then once per try.
    expect(decisions).toBe(5);
    expect(deps.commits).toHaveLength(1);
    expect(deps.commits[0]?.commutes).toBe(true);
    // Decided on the item as it stood when it finally won: no update lost, the next seq taken.
    expect(deps.commits[0]?.before.version).toBe(base.version + 3);
    expect(deps.commits[0]?.event.seq).toBe(base.lastSeq + 4);
  });

  it('takes the item the refusal returned instead of reading it again', async () => {
    const deps = contended(5, { returnsFresh: true });
    await changeItem(deps, office, 'i1', { commutes: true }, touch);
    // One read to decide before its turn, one at its turn; none after a refusal.
    expect(deps.reads()).toBe(2);
    expect(deps.commits[0]?.event.seq).toBe(base.lastSeq + 6);
  });

  it('keeps trying a commuting change far beyond ten lost races while the deadline allows', async () => {
    const deps = contended(60);
    await changeItem(deps, office, 'i1', { commutes: true }, touch);
    expect(deps.commits).toHaveLength(1);
    expect(deps.commits[0]?.event.seq).toBe(base.lastSeq + 61);
  });

  it('answers a lost race on a state change with a 409, writing nothing', async () => {
    const deps = contended(1);
    await expect(changeItem(deps, office, 'i1', { commutes: false }, touch)).rejects.toMatchObject({ code: 'version-conflict' });
    expect(deps.commits).toHaveLength(0);
  });

  it('tries a state change again when DynamoDB saw only a transaction in flight, on the version first read', async () => {
    const deps = contended(CONTENDED_TRIES - 1, { inFlightOnly: true });
    await changeItem(deps, office, 'i1', { commutes: false }, touch);
    expect(deps.commits).toHaveLength(1);
    expect(deps.commits[0]?.before.version).toBe(base.version);
  });

  it('stops at the deadline with TryAgainLater (503), having written nothing', async () => {
    const deps = {
      ...contended(Number.POSITIVE_INFINITY),
      deadline: Date.now() + 50,
      sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    };
    await expect(changeItem(deps, office, 'i1', { commutes: true }, touch)).rejects.toBeInstanceOf(TryAgainLater);
    expect(deps.commits).toHaveLength(0);
    const inFlight = contended(Number.POSITIVE_INFINITY, { inFlightOnly: true });
    await expect(changeItem(inFlight, office, 'i1', { commutes: false }, touch)).rejects.toMatchObject({ code: 'item-busy' });
    expect(inFlight.commits).toHaveLength(0);
  });

  it('many commuting changes to one item in one process take turns: one write each, no lost race', async () => {
    const deps = contended(0);
    let commits = 0;
    const counting = {
      ...deps,
      items: {
        ...deps.items,
        get: deps.items.get,
        commit: async (c: ItemChange) => {
          commits += 1;
          return deps.items.commit(c);
        },
      } as unknown as ItemRepository,
    };
    await Promise.all(
      Array.from({ length: 20 }, () =>
        changeItem(counting, office, 'i1', { commutes: true }, async (item) => {
          await new Promise((r) => setTimeout(r, 1)); // deciding takes time, as reading earlier reports does
          return touch(item);
        }),
      ),
    );
    expect(commits).toBe(20);
    expect(deps.commits.map((c) => c.event.seq)).toEqual(Array.from({ length: 20 }, (_, i) => base.lastSeq + i + 1));
  });

  it('writes the waiting commuting changes to one item as runs, each decided on the one before: seq consecutive', async () => {
    const deps = contended(0);
    const runs: number[] = [];
    const grouped = {
      ...deps,
      items: {
        get: deps.items.get,
        commit: deps.items.commit,
        commitRun: async (changes: ItemChange[]) => {
          runs.push(changes.length);
          for (let i = 1; i < changes.length; i += 1) expect(changes[i]?.before).toBe(changes[i - 1]?.after);
          // One transaction: the first's lastSeq, the last's item.
          await deps.items.commit({ ...changes.at(-1)!, before: changes[0]!.before });
          deps.commits.splice(-1, 1, ...changes);
        },
      } as unknown as ItemRepository,
    };
    await Promise.all(
      Array.from({ length: 30 }, () =>
        changeItem(grouped, office, 'i1', { commutes: true }, async (item) => {
          await new Promise((r) => setTimeout(r, 1));
          return touch(item);
        }),
      ),
    );
    expect(deps.commits.map((c) => c.event.seq)).toEqual(Array.from({ length: 30 }, (_, i) => base.lastSeq + i + 1));
    expect(runs.length).toBeLessThan(30);
    expect(Math.max(...runs)).toBeLessThanOrEqual(MAX_RUN);
  });
});
