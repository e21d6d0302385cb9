import { systemClock } from '../adapters/clock';
import { DynamoDueQueries } from '../adapters/dynamodb/due-queries';
import { DynamoCalendarStore } from '../adapters/dynamodb/calendar-store';
import { DynamoIdempotencyStore } from '../adapters/dynamodb/idempotency-store';
import { DynamoItemRepository } from '../adapters/dynamodb/item-repository';
import { DynamoMarkers } from '../adapters/dynamodb/markers';
import { DynamoNoticeRepository } from '../adapters/dynamodb/notice-repository';
import { DynamoOutbox } from '../adapters/dynamodb/outbox';
import { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { sesAtAccountRate } from '../adapters/ses/paced';
import type { JobAdapters, JobResult } from '../use-cases/jobs/job-context';
import { DryRunRecorder, dryRunAdapters, dryRunArchive, readsOf } from '../adapters/dry-run';
import { DynamoAssessmentFacts } from '../adapters/dynamodb/assessment-facts';
import { DynamoLedgerChain } from '../adapters/dynamodb/ledger-chain';
import { sealArchiveFromEnv } from '../adapters/seal-archive';
import type { SealDeps } from '../use-cases/ledger';
import { DynamoSequences } from '../adapters/dynamodb/sequences';
import { ENV } from '../config';
import type { Office } from '../domain/offices';

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
  mailer: sesAtAccountRate(),
  clock: systemClock,
  ledgerChain: new DynamoLedgerChain(),
  calendar: new DynamoCalendarStore(),
};

/** The adapters of one run; an office below the root numbers its notices with its own 文号 prefix and signs its mail. */
export function jobDeps(office?: Pick<Office, 'noticeNumberPrefix' | 'name' | 'parentId'>): JobAdapters {
  return {
    ...adapters,
    due: new DynamoDueQueries(),
    consoleUrl: process.env[ENV.consoleUrl] || undefined,
    noticeNumberPrefix: office?.noticeNumberPrefix || process.env[ENV.noticeNumberPrefix] || undefined,
    ...(office?.parentId ? { signature: office.name } : {}),
  };
}

let archive: SealDeps['archive'] | undefined;

/** The daily seal's store and archive (the archive as the environment names it, made on first use; `s3` makes the S3 one). */
export function sealDeps(s3?: (bucket: string) => SealDeps['archive']): SealDeps {
  archive ??= sealArchiveFromEnv(s3);
  return { chain: adapters.ledgerChain, archive };
}

/** How a job runs: for real, or dry (it reads as a real run does and writes nothing: adapters/dry-run.ts). */
export interface JobMode {
  dryRun?: boolean;
  /** The office the run is for (run-job.ts runs each in turn); absent, the root. */
  office?: Office;
}

/**
 * Runs a job's work with its adapters: the real ones, or for a dry run the same adapters behind recording ones
 * that write nothing (no notice, sent-marker, 文号, fact, seal, chain link or mail); the dry run's result carries
 * what it would have sent and issued.
 */
export async function withJobAdapters(
  mode: JobMode,
  work: (deps: JobAdapters, seal: (s3?: (bucket: string) => SealDeps['archive']) => SealDeps) => Promise<JobResult>,
): Promise<JobResult> {
  if (!mode.dryRun) return work(jobDeps(mode.office), sealDeps);
  const recorder = new DryRunRecorder();
  // Only the real adapters' reads reach the dry run (readsOf picks them by name); every write is a recorder's.
  const reads = readsOf(jobDeps(mode.office));
  const deps = dryRunAdapters(reads, recorder);
  const result = await work(deps, () => ({ chain: deps.ledgerChain, archive: dryRunArchive(recorder) }));
  return { ...result, dryRun: await recorder.report(reads.units) };
}
