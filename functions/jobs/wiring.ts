import { systemClock } from '../adapters/clock';
import { DynamoDueQueries } from '../adapters/dynamodb/due-queries';
import { DynamoIdempotencyStore } from '../adapters/dynamodb/idempotency-store';
import { DynamoItemRepository } from '../adapters/dynamodb/item-repository';
import { DynamoMarkers } from '../adapters/dynamodb/markers';
import { DynamoNoticeRepository } from '../adapters/dynamodb/notice-repository';
import { DynamoOutbox } from '../adapters/dynamodb/outbox';
import { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { SesMailer } from '../adapters/ses/mailer';
import type { EscalationDeps } from '../use-cases/jobs/overdue-escalation';

/** The adapters every job runs with, made once per container. `due` is fresh per run, to count its reads. */
export function jobDeps(): EscalationDeps {
  return {
    due: new DynamoDueQueries(),
    units: new DynamoUnitRepository(),
    items: new DynamoItemRepository(),
    notices: new DynamoNoticeRepository(),
    markers: new DynamoMarkers(),
    idempotency: new DynamoIdempotencyStore(),
    outbox: new DynamoOutbox(),
    mailer: mailer,
    clock: systemClock,
  };
}

const mailer = new SesMailer();
