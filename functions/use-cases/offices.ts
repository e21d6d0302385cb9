import { assertRole } from '../domain/access';
import { type Caller, officeOf } from '../domain/caller';
import { NotFound, RuleViolation } from '../domain/errors';
import { childOfficeId, isWithin, MAX_OFFICE_DEPTH, type Office, officeDepth, officePath } from '../domain/offices';
import { say } from '../messages/message';
import { idempotencyRequest, once } from './idempotency';
import type { Clock, IdempotencyStore, OfficeRegistry } from './ports';

export interface OfficeDeps {
  offices: OfficeRegistry;
  idempotency: IdempotencyStore;
  clock: Clock;
}

/** An office below, as its parent registers it: its slug, name, the unit of the parent's roster it works for. */
export interface OfficeRegistration {
  slug: string;
  name: string;
  unitId: string;
  noticeNumberPrefix: string;
}

/**
 * 一级抓一级: an office registers the office of a government in its roster (the city's 督查室 registers 汉滨区政府督查室
 * for 汉滨区人民政府). The new office is a child of the caller's; its ledger starts empty and is its own.
 */
export async function registerOffice(
  deps: OfficeDeps,
  caller: Caller,
  input: OfficeRegistration,
  idempotencyKey?: string,
): Promise<{ office: Office; replayed: boolean }> {
  assertRole(caller, ['office'], 'Registering an office');
  const parentId = officeOf(caller);
  if (officeDepth(parentId) >= MAX_OFFICE_DEPTH) {
    throw new RuleViolation('office-too-deep', say('rule.office-too-deep', { levels: MAX_OFFICE_DEPTH }));
  }
  const now = deps.clock.now();
  const request = idempotencyRequest(idempotencyKey, caller.sub, 'POST /offices', input);
  const { result, replayed } = await once<Office>(deps.idempotency, request, now, async (remember) => {
    const office = {
      id: childOfficeId(parentId, input.slug),
      name: input.name,
      parentId,
      unitId: input.unitId,
      noticeNumberPrefix: input.noticeNumberPrefix,
      registeredAt: now.toISOString(),
    };
    await deps.offices.register(office, remember?.(office));
    return office;
  });
  return { office: result, replayed };
}

/** The caller's office, the path to it from the root (breadcrumbs) and every office below it, parents first. */
export async function officeTree(deps: Pick<OfficeDeps, 'offices'>, caller: Caller) {
  const id = officeOf(caller);
  const all = await deps.offices.all();
  const byId = new Map(all.map((o) => [o.id, o]));
  const office = byId.get(id);
  if (!office) throw new NotFound(say('missing.office', { id }));
  const path = officePath(id).flatMap((p) => byId.get(p) ?? []);
  const below = all
    .filter((o) => o.id !== id && isWithin(o.id, id))
    .sort((a, b) => officeDepth(a.id) - officeDepth(b.id) || a.id.localeCompare(b.id));
  return { office, path, below };
}
