import { DynamoOfficeRegistry } from '../adapters/dynamodb/office-registry';
import { type Caller, officeOf } from '../domain/caller';
import { Forbidden, InvalidInput, NotFound } from '../domain/errors';
import { isOfficeId, type Office, reachOf } from '../domain/offices';
import { currentOffice } from '../adapters/office-scope';
import { say } from '../messages/message';
import { runningFunction } from '../running-function';

const registry = /* @__PURE__ */ new DynamoOfficeRegistry();
/**
 * Offices found registered, per container: an office is never removed, so a hit needs no second read. Keyed by
 * the running function too: locally every route group shares this module, where in AWS each has its own container.
 */
const registered = new Map<string, Office>();
const cacheKey = (office: string) => `${runningFunction.getStore() ?? ''} ${office}`;

/** The office's record, once per container (undefined: no such office); the root always exists. */
export async function knownOffice(id: string): Promise<Office | undefined> {
  const hit = registered.get(cacheKey(id));
  if (hit) return hit;
  const found = await registry.get(id);
  if (found) registered.set(cacheKey(id), found);
  return found ?? undefined;
}

/**
 * Where a request runs, and as whom. By default in the caller's office, once it is known to be registered (a token
 * naming an office no one registered, a typo in `custom:officeId`, is refused rather than given an empty ledger to
 * write into). With X-Ducha-Office (domain/offices.ts reachOf): an office below the caller's, read only, for the
 * office, leaders and inspectors; the office above, for the office's clerk, as the unit its government is there.
 */
export async function requestPlace(
  caller: Caller,
  method: string,
  header: string | undefined,
): Promise<{ office: string; caller: Caller }> {
  const own = officeOf(caller);
  const ownOffice = await knownOffice(own);
  if (!ownOffice) throw new Forbidden(say('auth.unknown-office', { office: own }));
  if (header === undefined || header === '' || header === own) return { office: own, caller };
  if (!isOfficeId(header))
    throw new InvalidInput(say('office.header-invalid', { office: header }), [{ path: OFFICE_HEADER, message: say('schema.office-slug') }]);
  const reach = reachOf(own, header);
  // Offices outside the caller's reach answer as ones that do not exist: a county learns nothing of its siblings.
  if (reach === 'outside' || !(await knownOffice(header))) throw new NotFound(say('missing.office', { id: header }));
  if (reach === 'below') {
    if (method !== 'GET' || caller.role === 'unit') throw new Forbidden(say('office.read-only-below', { office: header }));
    return { office: header, caller };
  }
  if (caller.role !== 'office' || !ownOffice.unitId) throw new Forbidden(say('office.parent-clerks-only', { office: header }));
  return { office: header, caller: { sub: caller.sub, role: 'unit', unitId: ownOffice.unitId, officeId: header } };
}

/** The header that names another office to enter (see requestPlace). */
export const OFFICE_HEADER = 'X-Ducha-Office';

/** The record of the office a request runs in, as requestPlace found it registered. */
const currentRecord = (): Office | undefined => registered.get(cacheKey(currentOffice()));

/** Who signs the letters of the office a request runs in: an office below the root by its name; the root as ever. */
export const officeSignature = (): string | undefined => {
  const office = currentRecord();
  return office?.parentId ? office.name : undefined;
};

/** The 文号 prefix of the office a request runs in: its own, below the root; the deployment's setting for the root. */
export const officeNoticePrefix = (): string | undefined => currentRecord()?.noticeNumberPrefix;
