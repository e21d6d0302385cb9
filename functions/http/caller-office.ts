import { DynamoOfficeRegistry } from '../adapters/dynamodb/office-registry';
import { type Caller, officeOf } from '../domain/caller';
import { Forbidden } from '../domain/errors';
import { type Office, ROOT_OFFICE } from '../domain/offices';
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

/**
 * The office a request runs in: the caller's, once it is known to be registered (a token naming an office no one
 * registered, a typo in `custom:officeId`, is refused rather than given an empty ledger to write into).
 */
export async function callerOffice(caller: Caller): Promise<string> {
  const office = officeOf(caller);
  if (office === ROOT_OFFICE || registered.has(cacheKey(office))) return office;
  const found = await registry.get(office);
  if (!found) throw new Forbidden(say('auth.unknown-office', { office }));
  registered.set(cacheKey(office), found);
  return office;
}

/** The 文号 prefix of the office a request runs in: its own, below the root; the deployment's setting for the root. */
export const officeNoticePrefix = (): string | undefined => registered.get(cacheKey(currentOffice()))?.noticeNumberPrefix;
