import { render } from '../../functions/messages/message';
import { describe, expect, it } from 'vitest';
import { Forbidden, NotFound, PreconditionFailed, RuleViolation } from '../../functions/domain/errors';
import type { Contact } from '../../functions/domain/units';
import { editUnitFields, unitHistory } from '../../functions/use-cases/edit-unit';
import { getUnit } from '../../functions/use-cases/read-units';
import { registerUnit } from '../../functions/use-cases/register-unit';
import { head, unitRegistration } from '../fixtures';
import { memoryLedger } from './memory-ports';
import { co, lead, leader, office, START } from './use-case-world';

/**
 * The roster on the ports in memory: registerUnit, editUnitFields and unitHistory, getUnit. The same rules are
 * asserted over HTTP in tests/integration/units-items.test.ts ("units") and edits.test.ts ("PATCH /units/{unitId}",
 * "the leader in charge").
 */

function roster() {
  const ledger = memoryLedger();
  let current = START;
  const deps = { units: ledger.units, idempotency: ledger.idempotency, clock: { now: () => current } };
  const later = () => {
    current = new Date(current.getTime() + 3_600_000);
  };
  return { ledger, deps, later };
}

const leaderContact = (leaderId: string, email = 'mayor@leaders.example.gov.cn'): Contact => ({
  name: '市长',
  email,
  role: 'head',
  leaderId,
});

describe('registerUnit and getUnit', () => {
  it('the office registers a unit at version 1, which every role reads; an unknown unit is 404', async () => {
    const { deps } = roster();
    const { unit } = await registerUnit(deps, office, unitRegistration('a', '甲县'));
    expect(unit).toMatchObject({ id: 'a', name: '甲县', kind: 'county', version: 1 });
    expect(await getUnit(deps.units, 'a')).toEqual(unit);
    await expect(getUnit(deps.units, 'z')).rejects.toBeInstanceOf(NotFound);
  });

  it('only the office registers (403); a unit is not registered twice (409), but a retry with the key gets the first answer', async () => {
    const { deps, later } = roster();
    for (const caller of [leader, lead])
      await expect(registerUnit(deps, caller, unitRegistration('a', '甲县'))).rejects.toBeInstanceOf(Forbidden);
    expect(await deps.units.all()).toEqual([]);
    const first = await registerUnit(deps, office, unitRegistration('a', '甲县'), 'key-00000001');
    later();
    expect(await registerUnit(deps, office, unitRegistration('a', '甲县'), 'key-00000001')).toEqual({ unit: first.unit, replayed: true });
    await expect(registerUnit(deps, office, unitRegistration('a', '甲县'))).rejects.toMatchObject({ code: 'unit-exists' });
  });

  it('refuses a leaderId outside a leadership unit and one another person holds (422), registering nothing', async () => {
    const { deps } = roster();
    await registerUnit(deps, office, unitRegistration('leaders', '市政府领导', 'leadership', [leaderContact('mayor')]));
    const outside = registerUnit(
      deps,
      office,
      unitRegistration('dept', '某局', 'department', [leaderContact('x', 'li@dept.example.gov.cn')]),
    );
    await expect(outside).rejects.toBeInstanceOf(RuleViolation);
    await expect(outside).rejects.toMatchObject({ code: 'leader-id-invalid' });
    const taken = registerUnit(
      deps,
      office,
      unitRegistration('leaders2', '领导二', 'leadership', [leaderContact('mayor', 'zhao@l2.example.gov.cn')]),
    );
    await expect(taken).rejects.toMatchObject({ code: 'leader-id-invalid' });
    expect((await deps.units.all()).map((u) => u.id)).toEqual(['leaders']);
  });
});

describe('editUnitFields and unitHistory', () => {
  const contacts: Contact[] = [{ name: '新联络员', email: 'new@a.example.gov.cn', role: 'liaison' }];

  it('edits against the version read and records who, when and each field before → after', async () => {
    const { deps, later } = roster();
    await registerUnit(deps, office, unitRegistration('a', '甲县'));
    later();
    const { unit } = await editUnitFields(deps, office, 'a', { name: '甲县人民政府', contacts }, { ifMatch: 1 });
    expect(unit).toMatchObject({ name: '甲县人民政府', contacts, version: 2 });
    const { items } = await unitHistory(deps.units, office, 'a', { limit: 10 });
    expect(items).toEqual([
      expect.objectContaining({
        seq: 2,
        type: 'unit.edited',
        actor: expect.objectContaining({ role: 'office' }),
        at: deps.clock.now().toISOString(),
        data: {
          changes: expect.objectContaining({
            name: { before: '甲县', after: '甲县人民政府' },
            contacts: expect.objectContaining({ after: contacts }),
          }),
        },
      }),
    ]);
    expect((items[0]?.data.changes.contacts?.before as Contact[] | undefined)?.[0]?.email).toBe(head('a'));
  });

  it('keeps a 简称 and aliases, clears the 简称 with null, and refuses a name another unit answers to (422)', async () => {
    const { deps } = roster();
    await registerUnit(deps, office, { ...unitRegistration('fgw', '市发展和改革委员会', 'department'), shortName: '市发改委' });
    await registerUnit(deps, office, unitRegistration('hanbin', '汉滨区人民政府'));
    const { unit } = await editUnitFields(deps, office, 'hanbin', { shortName: '汉滨区', aliases: ['汉滨区政府'] }, { ifMatch: 1 });
    expect(unit).toMatchObject({ shortName: '汉滨区', aliases: ['汉滨区政府'], version: 2 });
    const cleared = await editUnitFields(deps, office, 'hanbin', { shortName: null }, { ifMatch: 2 });
    expect(cleared.unit.shortName).toBeUndefined();
    const { items } = await unitHistory(deps.units, office, 'hanbin', { limit: 10 });
    expect(items.map((e) => e.data.changes)).toEqual([
      { shortName: { before: null, after: '汉滨区' }, aliases: { before: null, after: ['汉滨区政府'] } },
      { shortName: { before: '汉滨区', after: null } },
    ]);
    const taken = await editUnitFields(deps, office, 'hanbin', { aliases: ['汉滨区政府', '市发改委 '] }, { ifMatch: 3 }).catch((e) => e);
    expect(taken).toBeInstanceOf(RuleViolation);
    expect(taken).toMatchObject({ code: 'unit-name-taken', details: [expect.objectContaining({ path: 'aliases.1' })] });
    // The clerk reads which unit answers to the name, by its name (its code means nothing to a person).
    expect(render(taken.details[0].message, 'zh')).toBe('名称「市发改委 」已是「市发展和改革委员会」的名称、简称或别名');
    const twice = registerUnit(deps, office, { ...unitRegistration('x', '某局', 'department'), shortName: '汉滨区政府' });
    await expect(twice).rejects.toMatchObject({ code: 'unit-name-taken' });
  });

  it('refuses a stale If-Match (412) and a missing unit (404), writing nothing', async () => {
    const { deps } = roster();
    await registerUnit(deps, office, unitRegistration('a', '甲县'));
    await expect(editUnitFields(deps, office, 'a', { name: 'x' }, { ifMatch: 5 })).rejects.toBeInstanceOf(PreconditionFailed);
    await expect(editUnitFields(deps, office, 'z', { name: 'x' }, { ifMatch: 1 })).rejects.toBeInstanceOf(NotFound);
    expect((await getUnit(deps.units, 'a')).version).toBe(1);
    expect((await unitHistory(deps.units, office, 'a', { limit: 10 })).items).toEqual([]);
  });

  it('an edit that lost the race to another office edit is 412 naming the version that won', async () => {
    const { deps, ledger } = roster();
    await registerUnit(deps, office, unitRegistration('a', '甲县'));
    // Another edit lands between our read and our write.
    const racing = {
      ...ledger.units,
      get: async (id: string) => {
        const read = await ledger.units.get(id);
        if (read?.version === 1) await editUnitFields({ ...deps, units: ledger.units }, office, 'a', { name: '先到' }, { ifMatch: 1 });
        return read;
      },
    };
    const lost = await editUnitFields({ ...deps, units: racing }, office, 'a', { name: '后到' }, { ifMatch: 1 }).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(PreconditionFailed);
    expect((await getUnit(deps.units, 'a')).name).toBe('先到');
  });

  it('an edit that repeats what the unit says writes nothing; a retry with the key gets the first answer', async () => {
    const { deps } = roster();
    await registerUnit(deps, office, unitRegistration('a', '甲县'));
    expect((await editUnitFields(deps, office, 'a', { name: '甲县' }, { ifMatch: 1 })).unit.version).toBe(1);
    const first = await editUnitFields(deps, office, 'a', { name: '甲县人民政府' }, { ifMatch: 1, idempotencyKey: 'key-00000001' });
    const retry = await editUnitFields(deps, office, 'a', { name: '甲县人民政府' }, { ifMatch: 1, idempotencyKey: 'key-00000001' });
    expect(retry).toEqual({ unit: first.unit, replayed: true });
    expect((await unitHistory(deps.units, office, 'a', { limit: 10 })).items).toHaveLength(1);
  });

  it('only the office edits (403); a unit reads its own history, not another’s (403)', async () => {
    const { deps } = roster();
    await registerUnit(deps, office, unitRegistration('a', '甲县'));
    for (const caller of [leader, lead]) {
      await expect(editUnitFields(deps, caller, 'a', { name: 'x' }, { ifMatch: 1 })).rejects.toBeInstanceOf(Forbidden);
    }
    await expect(unitHistory(deps.units, lead, 'a', { limit: 10 })).resolves.toEqual({ items: [] });
    await expect(unitHistory(deps.units, co, 'a', { limit: 10 })).rejects.toBeInstanceOf(Forbidden);
    await expect(unitHistory(deps.units, office, 'z', { limit: 10 })).rejects.toBeInstanceOf(NotFound);
  });
});
