import { render } from '../messages/message';
import { eventFindingMessage, verifyItemHistory } from '../use-cases/ledger';
import { getItem, itemHistory, listItems } from '../use-cases/read-items';
import { registerItem } from '../use-cases/register-item';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { contentLanguage, headerOf, languageOf } from './language';
import { requestLanguage } from './problems';
import { etag, itemView, replayHeaders, visibleEvents } from './views';
import { cascading, chainReads, clock, itemChanges, items } from './wiring';
import { cascadeItem, itemCascade } from '../use-cases/cascade';
import type { Item } from '../domain/items';

export const handler = httpApi('items', [
  implement(contract.registerItem, async ({ caller, body, idempotencyKey, event }) => {
    const { item, replayed } = await registerItem(itemChanges, caller, body, idempotencyKey);
    return { body: itemView(item, clock.now(), caller, requestLanguage(event)), headers: replayHeaders(replayed) };
  }),
  implement(contract.listItems, async ({ caller, query, event }) => {
    const { limit, cursor, ...filter } = query;
    const page = await listItems(itemChanges, caller, filter, { limit, cursor });
    const now = clock.now();
    return { body: { items: page.items.map((i) => itemView(i, now, caller, requestLanguage(event))), cursor: page.cursor } };
  }),
  implement(contract.cascadeItem, async ({ caller, body, idempotencyKey, event }) => {
    const { parent, children, replayed } = await cascadeItem(cascading, caller, body, idempotencyKey);
    const now = clock.now();
    const language = requestLanguage(event);
    return { body: { parent, children: children.map((i) => itemView(i, now, caller, language)) }, headers: replayHeaders(replayed) };
  }),
  implement(contract.getItemCascade, async ({ caller, params, event }) => {
    const { item, offices } = await itemCascade(cascading, caller, params.id);
    const now = clock.now();
    const view = (i: Item) => itemView(i, now, caller, requestLanguage(event));
    return {
      body: { item: view(item), offices: offices.map((o) => ({ office: o.office, items: o.items.map(view), unitNames: o.unitNames })) },
    };
  }),
  implement(contract.getItem, async ({ caller, params, event }) => {
    const view = itemView(await getItem(items, caller, params.id), clock.now(), caller, requestLanguage(event));
    // The version as an ETag too, so a client edits with If-Match without copying it out of the body; only to the
    // readers who are shown the version at all.
    return { body: view, headers: view.version === undefined ? {} : etag(view.version) };
  }),
  implement(contract.verifyItemHistory, async ({ caller, params, event }) => {
    const verdict = await verifyItemHistory(chainReads, caller, params.id);
    const language = languageOf(headerOf(event.headers, 'accept-language'));
    const findings = verdict.findings.map((f) => ({ ...f, message: render(eventFindingMessage(f), language) }));
    return { body: { ...verdict, findings }, headers: { 'content-language': contentLanguage(language) } };
  }),
  implement(contract.listItemHistory, async ({ caller, params, query }) => {
    const page = await itemHistory(items, caller, params.id, query);
    return { body: { items: visibleEvents(page.items, caller), cursor: page.cursor } };
  }),
]);
