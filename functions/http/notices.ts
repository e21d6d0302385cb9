import { systemClock } from '../adapters/clock';
import { DynamoIdempotencyStore } from '../adapters/dynamodb/idempotency-store';
import { DynamoItemRepository } from '../adapters/dynamodb/item-repository';
import { DynamoNoticeRepository } from '../adapters/dynamodb/notice-repository';
import { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { METRIC, publishCounts } from '../observability';
import { issueNotice } from '../use-cases/issue-notice';
import { getNotice, listNotices } from '../use-cases/read-notices';
import { rectify } from '../use-cases/rectify';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { numbering, tellDeps } from './tell';
import { DynamoMarkers } from '../adapters/dynamodb/markers';
import { noticeView, replayHeaders } from './views';

const notices = new DynamoNoticeRepository();
const units = new DynamoUnitRepository();
const deps = {
  notices,
  units,
  items: new DynamoItemRepository(),
  idempotency: new DynamoIdempotencyStore(),
  clock: systemClock,
  tell: tellDeps(units),
  markers: new DynamoMarkers(),
  ...numbering(),
};

export const handler = httpApi('notices', [
  implement(contract.issueNotice, async ({ caller, body, idempotencyKey }) => {
    const { notice, replayed } = await issueNotice(deps, caller, body, idempotencyKey);
    if (!replayed) publishCounts({ route: 'issueNotice' }, { [METRIC.noticesIssued]: 1 });
    return { body: noticeView(await getNotice(notices, caller, notice.id), caller), headers: replayHeaders(replayed) };
  }),
  implement(contract.listNotices, async ({ caller, query }) => {
    const page = await listNotices(notices, caller, query);
    return { body: { items: page.items.map((n) => noticeView(n, caller)), cursor: page.cursor } };
  }),
  implement(contract.getNotice, async ({ caller, params }) => ({ body: noticeView(await getNotice(notices, caller, params.id), caller) })),
  implement(contract.submitRectification, async ({ caller, params, body, idempotencyKey }) => {
    const { rectification, replayed } = await rectify(deps, caller, params.id, body, idempotencyKey);
    return { body: rectification, headers: replayHeaders(replayed) };
  }),
]);
