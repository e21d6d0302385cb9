import { S3SealArchive } from '../adapters/s3/seal-archive';
import { daysFromEnv, ENV } from '../config';
import { DEFAULT_REMINDER_DAYS, sendDeadlineReminders } from '../use-cases/jobs/deadline-reminders';
import { sealLedger } from '../use-cases/ledger';
import { runJob } from './run-job';
import { withJobAdapters } from './wiring';

const days = daysFromEnv(ENV.reminderDays, DEFAULT_REMINDER_DAYS);

/**
 * The first daily job also seals the ledger (docs/design.md, tamper-evident ledger): the reminders go
 * first, so a seal that fails (and is retried by the schedule) never holds them up; a retry sends nothing twice.
 */
export const handler = runJob('deadline-reminders', (now, mode) =>
  withJobAdapters(mode, async (deps, sealDeps) => {
    const result = await sendDeadlineReminders(deps, now, days);
    const { seal, made, chained } = await sealLedger(
      sealDeps((bucket) => new S3SealArchive(bucket)),
      now,
    );
    return { ...result, seal: { number: seal.number, date: seal.date, heads: seal.leaves.length, hash: seal.hash, made, chained } };
  }),
);
