import { systemClock } from '../adapters/clock';
import { DynamoIdempotencyStore } from '../adapters/dynamodb/idempotency-store';
import { DynamoItemRepository } from '../adapters/dynamodb/item-repository';
import { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { getItem, itemHistory, listItems } from '../use-cases/read-items';
import { registerItem } from '../use-cases/register-item';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { tellDeps } from './tell';
import { itemView, replayHeaders, visibleEvents } from './views';

const items = new DynamoItemRepository();
const clock = systemClock;
const units = new DynamoUnitRepository();
const deps = { items, units, idempotency: new DynamoIdempotencyStore(), clock, tell: tellDeps(units) };

export const handler = httpApi('items', [
  implement(contract.registerItem, async ({ caller, body, idempotencyKey }) => {
    const { item, replayed } = await registerItem(deps, caller, body, idempotencyKey);
    return { body: itemView(item, clock.now(), caller), headers: replayHeaders(replayed) };
  }),
  implement(contract.listItems, async ({ caller, query }) => {
    const { limit, cursor, ...filter } = query;
    const page = await listItems(deps, caller, filter, { limit, cursor });
    const now = clock.now();
    return { body: { items: page.items.map((i) => itemView(i, now, caller)), cursor: page.cursor } };
  }),
  implement(contract.getItem, async ({ caller, params }) => ({
    body: itemView(await getItem(items, caller, params.id), clock.now(), caller),
  })),
  implement(contract.listItemHistory, async ({ caller, params, query }) => {
    const page = await itemHistory(items, caller, params.id, query);
    return { body: { items: visibleEvents(page.items, caller), cursor: page.cursor } };
  }),
]);
