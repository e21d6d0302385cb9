import { ENV, requireEnv } from '../config';
import { atomFeed, feedAddresses, publicBaseUrl } from '../domain/public-feed';
import { listPublicNotices } from '../use-cases/read-public-notices';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { ATOM_MEDIA_TYPE } from './media-types';
import { PUBLIC_CACHE } from './respond';
import { PUBLIC_PAGE_SIZE } from './schemas';
import { publicNotices } from './wiring';
import { knownOffice } from './caller-office';
import { inOffice } from '../adapters/office-scope';
import { NotFound } from '../domain/errors';
import { ROOT_OFFICE } from '../domain/offices';
import { say } from '../messages/message';

const source = publicNotices;
const headers = { 'cache-control': PUBLIC_CACHE };
/** Read once at cold start: a missing or malformed base stops the function rather than publish a wrong feed id. */
const base = publicBaseUrl(requireEnv(ENV.publicBaseUrl));

/** Each office publishes its own feed (`?office=`; absent, the root's); an office no one registered has none (404). */
async function inPublishingOffice<T>(office: string | undefined, read: () => Promise<T>): Promise<T> {
  const id = office ?? ROOT_OFFICE;
  if (!(await knownOffice(id))) throw new NotFound(say('missing.office', { id }));
  return inOffice(id, read);
}

export const handler = httpApi('public', [
  implement(contract.listPublicNotices, async ({ query }) => ({
    body: await inPublishingOffice(query.office, () => listPublicNotices(source, query)),
    headers,
  })),
  implement(contract.getPublicNoticesAtom, async ({ query }) => {
    const page = await inPublishingOffice(query.office, () => listPublicNotices(source, query));
    const addresses = feedAddresses(base, query, PUBLIC_PAGE_SIZE.atom, page.cursor);
    return { body: undefined, headers, text: { contentType: ATOM_MEDIA_TYPE, content: atomFeed(page.items, addresses) } };
  }),
]);
