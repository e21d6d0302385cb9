import { systemClock } from '../adapters/clock';
import { DynamoDueQueries } from '../adapters/dynamodb/due-queries';
import { DynamoIdempotencyStore } from '../adapters/dynamodb/idempotency-store';
import { DynamoItemRepository } from '../adapters/dynamodb/item-repository';
import { DynamoMarkers } from '../adapters/dynamodb/markers';
import { DynamoNoticeRepository } from '../adapters/dynamodb/notice-repository';
import { DynamoOutbox } from '../adapters/dynamodb/outbox';
import { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { SesMailer } from '../adapters/ses/mailer';
import type { EscalationDeps } from '../use-cases/jobs/job-context';
import type { AssessmentFacts } from '../use-cases/ports';
import { DynamoAssessmentFacts } from '../adapters/dynamodb/assessment-facts';
import { DynamoSequences } from '../adapters/dynamodb/sequences';
import { ENV } from '../config';

/**
 * The adapters every job runs with, made once per container: they hold nothing
 * of a run (the DynamoDB client and the mail sender are made on first use and
 * kept). `due` is fresh per run, to count that run's reads.
 */
const adapters = {
  facts: new DynamoAssessmentFacts(),
  units: new DynamoUnitRepository(),
  items: new DynamoItemRepository(),
  notices: new DynamoNoticeRepository(),
  markers: new DynamoMarkers(),
  idempotency: new DynamoIdempotencyStore(),
  outbox: new DynamoOutbox(),
  sequences: new DynamoSequences(),
  mailer: new SesMailer(),
  clock: systemClock,
};

export function jobDeps(): EscalationDeps & { facts: AssessmentFacts } {
  return {
    ...adapters,
    due: new DynamoDueQueries(),
    consoleUrl: process.env[ENV.consoleUrl] || undefined,
    noticeNumberPrefix: process.env[ENV.noticeNumberPrefix] || undefined,
  };
}
