/**
 * The IAM grants of each function checked against the AWS calls its code made (issue 26): the integration tests
 * record every DynamoDB, S3 and SES call with the function that made it (tests/integration/aws-calls.ts), and
 * `npm test` compares that record with the grants the stack gives each function (`check-grants.ts`). A call
 * that is not granted would fail first in AWS, where IAM is; a grant that nothing calls is more than least
 * privilege. Plain functions here; the stack's own lists are read by `grantsOfStack`.
 */
import { attachmentAccess, routeGroups, tableAccess } from '../functions/http/routes';
import { schedules } from '../functions/jobs/schedules';
import { ATTACHMENT_GRANTS } from '../lib/attachments';
import { ledgerStreamTableAccess } from '../lib/ledger-stream';
import { mailEventsTableAccess } from '../lib/mail-events';
import { SEND_MAIL_ACTIONS } from '../lib/mail-sender';
import { jobTableAccess } from '../lib/scheduled-jobs';

/** One permission: an IAM action on a resource (`table`, the mail identity, or a bucket's key prefix). */
export type Permission = string;

const table = (action: string) => `${action} table`;
const objects = (action: string, prefix: string) => `${action} attachments/${prefix}`;
const mail = (action: string) => `${action} mail`;

/** The permissions one AWS SDK command needs, by the IAM actions that authorise it. */
export function permissionsOf(client: string, command: string, input: Record<string, unknown>): Permission[] {
  const name = command.replace(/Command$/, '');
  if (client === 'DynamoDBClient') {
    // IAM has no transaction action: each part is authorised as the single write it is.
    if (name === 'TransactWriteItems') {
      const parts = (input.TransactItems ?? []) as Record<string, unknown>[];
      return parts.flatMap((p) =>
        Object.keys(p).map((kind) => table(`dynamodb:${kind === 'ConditionCheck' ? 'ConditionCheckItem' : `${kind}Item`}`)),
      );
    }
    if (name === 'TransactGetItems') return [table('dynamodb:GetItem')];
    if (name === 'BatchWriteItem') {
      const requests = Object.values((input.RequestItems ?? {}) as Record<string, Record<string, unknown>[]>).flat();
      return requests.flatMap((r) => Object.keys(r).map((kind) => table(`dynamodb:${kind.replace(/Request$/, '')}Item`)));
    }
    return [table(`dynamodb:${name}`)];
  }
  if (client === 'S3Client') {
    const prefix = (key: unknown) => `${String(key ?? '').split('/')[0]}/`;
    if (name === 'CopyObject') {
      const source = decodeURIComponent(String(input.CopySource ?? ''))
        .split('/')
        .slice(1)
        .join('/');
      return [objects('s3:GetObject', prefix(source)), objects('s3:PutObject', prefix(input.Key))];
    }
    const action = ['HeadObject', 'GetObject'].includes(name)
      ? 's3:GetObject'
      : ['CreateMultipartUpload', 'UploadPart', 'CompleteMultipartUpload', 'PutObject'].includes(name)
        ? 's3:PutObject'
        : `s3:${name}`;
    return [objects(action, prefix(input.Key))];
  }
  if (client === 'SESClient' || client === 'SESv2Client') return [mail(`ses:${name}`)];
  return [`${client}:${name}`];
}

/** Adds permissions to a function's set, in place (per SDK call while recording, per grant while listing). */
export function addPermissions(to: Map<string, Set<Permission>>, fn: string, permissions: Iterable<Permission>): void {
  const held = to.get(fn) ?? new Set<Permission>();
  to.set(fn, held);
  for (const p of permissions) held.add(p);
}

/** The permissions the stack gives each function, from the same lists the stack is built from (the stack test holds it to them). */
export function grantsOfStack(): Map<string, Set<Permission>> {
  const grants = new Map<string, Set<Permission>>();
  const give = (fn: string, permissions: Permission[]) => addPermissions(grants, fn, permissions);
  for (const group of routeGroups) {
    give(`http:${group}`, tableAccess[group].map(table));
    const access = attachmentAccess[group];
    if (access)
      for (const [actions, prefix] of ATTACHMENT_GRANTS[access])
        give(
          `http:${group}`,
          actions.map((a) => objects(a, prefix)),
        );
  }
  for (const job of schedules) give(`job:${job.name}`, [...jobTableAccess.map(table), ...SEND_MAIL_ACTIONS.map(mail)]);
  give('stream', [...ledgerStreamTableAccess.map(table), ...SEND_MAIL_ACTIONS.map(mail)]);
  give('mail-events', mailEventsTableAccess.map(table));
  return grants;
}

/**
 * Grants the integration run cannot see used, each with why it stands. Keep it short: every line is a grant the
 * check takes on trust.
 */
export const UNSEEN_BUT_NEEDED: Record<string, { permissions: Permission[]; why: string }> = {
  'http:dossiers': {
    permissions: [objects('s3:AbortMultipartUpload', 'dossiers/')],
    why: 'a dossier spilled to the bucket aborts its multipart upload only when writing it fails midway (dossiers.ts redirectTo)',
  },
};

export interface GrantFinding {
  fn: string;
  permission: Permission;
  problem: 'not-granted' | 'never-used';
}

/**
 * What differs between the grants and the calls: each call a function made that its grants do not allow, and each
 * grant of a function that no call of it used. Jobs share one list of table grants (lib/scheduled-jobs.ts), so a
 * grant of theirs is used when any job used it.
 */
export function compareGrants(granted: Map<string, Set<Permission>>, used: Map<string, Set<Permission>>): GrantFinding[] {
  const findings: GrantFinding[] = [];
  for (const [fn, permissions] of used) {
    const allowed = granted.get(fn) ?? new Set();
    for (const p of [...permissions].sort()) if (!allowed.has(p)) findings.push({ fn, permission: p, problem: 'not-granted' });
  }
  const usedByAnyJob = new Set([...used].filter(([fn]) => fn.startsWith('job:')).flatMap(([, ps]) => [...ps]));
  for (const [fn, permissions] of granted) {
    const mine = used.get(fn) ?? new Set();
    const unseen = new Set(UNSEEN_BUT_NEEDED[fn]?.permissions ?? []);
    for (const p of [...permissions].sort()) {
      const shared = fn.startsWith('job:') && p.endsWith(' table') && usedByAnyJob.has(p);
      if (!mine.has(p) && !shared && !unseen.has(p)) findings.push({ fn, permission: p, problem: 'never-used' });
    }
  }
  return findings;
}
