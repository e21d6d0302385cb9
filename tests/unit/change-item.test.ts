import { describe, expect, it } from 'vitest';
import { Conflict } from '../../functions/domain/errors';
import type { Item } from '../../functions/domain/items';
import { newItem } from '../../functions/domain/registration';
import { change } from '../../functions/domain/lifecycle';
import { changeItem, MAX_TRIES } from '../../functions/use-cases/change-item';
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

/** An item store whose first `losses` commits lose to another writer, as under contention. */
function contended(losses: number) {
  let current: Item = base;
  const commits: ItemChange[] = [];
  let lost = 0;
  const items = {
    get: async () => current,
    commit: async (c: ItemChange) => {
      if (lost < losses) {
        lost += 1;
        current = { ...current, version: current.version + 1, lastSeq: current.lastSeq + 1 }; // someone else's change
        throw new StaleItem(c.after.id);
      }
      if (c.before.version !== current.version) throw new StaleItem(c.after.id);
      commits.push(c);
      current = c.after;
    },
  } as unknown as ItemRepository;
  return { items, commits, idempotency: { find: async () => null }, clock: { now: () => now }, sleep: async () => {} };
}

const touch = (item: Item) => ({ ...change(item, office, now, 'test.touched', {}, {}), result: 'ok' });

describe('changeItem: one writer wins, the other retries or is told', () => {
  it('decides a commuting change again on the fresh item until it wins', async () => {
    const deps = contended(3);
    let decisions = 0;
    await changeItem(deps, office, 'i1', { commutes: true }, (item) => {
      decisions += 1;
      return touch(item);
    });
    expect(decisions).toBe(4);
    expect(deps.commits).toHaveLength(1);
    // Decided on the version that was current when it finally won: no update lost.
    expect(deps.commits[0]?.before.version).toBe(base.version + 3);
    expect(deps.commits[0]?.event.seq).toBe(base.lastSeq + 4);
  });

  it('answers a lost race on a state change with a 409, writing nothing', async () => {
    const deps = contended(1);
    await expect(changeItem(deps, office, 'i1', { commutes: false }, touch)).rejects.toMatchObject({ code: 'version-conflict' });
    expect(deps.commits).toHaveLength(0);
  });

  it(`gives up after ${MAX_TRIES} tries with a 409 rather than spinning`, async () => {
    const deps = contended(MAX_TRIES);
    await expect(changeItem(deps, office, 'i1', { commutes: true }, touch)).rejects.toBeInstanceOf(Conflict);
    expect(deps.commits).toHaveLength(0);
  });
});
