import { systemClock } from '../adapters/clock';
import { DynamoOutbox } from '../adapters/dynamodb/outbox';
import { DynamoSequences } from '../adapters/dynamodb/sequences';
import type { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { SesMailer } from '../adapters/ses/mailer';
import { ENV } from '../config';
import type { TellDeps } from '../use-cases/announce';

/**
 * How the route groups that change the ledger tell people (派发, 通报, 延期审批, 核查): through the outbox and
 * SES, with links to the console at CONSOLE_URL (read at cold start; unset, the local console's address).
 */
export function tellDeps(units: DynamoUnitRepository): TellDeps {
  return {
    units,
    consoleUrl: process.env[ENV.consoleUrl] || undefined,
    delivery: { outbox: new DynamoOutbox(), mailer: new SesMailer(), clock: systemClock, units },
  };
}

/** A notice's 文号: the year's counter in the ledger, the prefix from NOTICE_NUMBER_PREFIX. */
export const numbering = () => ({ sequences: new DynamoSequences(), noticeNumberPrefix: process.env[ENV.noticeNumberPrefix] || undefined });
