import { DeleteItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { type AssessmentFact, lateRectificationFact, notExcellentMark, noticeFact, noticeYearOf } from '../../domain/assessment';
import { say } from '../../messages/message';
import { Conflict } from '../../domain/errors';
import { attemptOf, type Notice, type Rectification, type RectificationObligation } from '../../domain/notices';
import type { FileClaim, IdempotencyWrite, MailBatch, NoticeRepository, Page, PageRequest } from '../../use-cases/ports';
import { mailBatchPart } from './outbox';
import { fileClaimPart, fileTaken } from './attachment-repository';
import { factParts } from './assessment-facts';
import { ledger } from './client';
import { writeCreation } from './idempotency-store';
import { ledgerIndexes } from './ledger-table';
import {
  factKey,
  markKey,
  noticeKey,
  noticeListing,
  NOTICES,
  OBLIGATION_PREFIX,
  obligationIndex,
  obligationKey,
  RECTIFICATION_PREFIX,
  rectificationKey,
} from './keys';
import { listPartition } from './listing';
import { conditionHeld, fromRecord, queryAll, toRecord } from './records';
import { cancellationOf, part, type Part, transact } from './transaction';
import { eachOf } from '../../use-cases/fan-out';

/** DynamoDB's limit on the writes of one TransactWriteItems. */
export const MAX_TRANSACTION_WRITES = 100;

const noticeRecord = (notice: Notice) => toRecord({ ...noticeKey(notice.id), ...noticeListing(notice), entity: 'notice', ...notice });

/** Each hand-in is its own record (a returned rectification is handed in again as attempt 2, 3…). */
const rectificationRecord = (r: Rectification) =>
  toRecord({ ...rectificationKey(r.noticeId, r.unitId, attemptOf(r)), entity: 'rectification', ...r });

export const obligationRecord = (o: RectificationObligation) =>
  toRecord({ ...obligationKey(o.noticeId, o.unitId), ...obligationIndex(o), entity: 'obligation', ...o });

/** The notice, its one fact (whatever the number of units it names: rule 4 reads it) and its mail: the commit point of an issue. */
export function noticeCommitParts(tableName: string, notice: Notice, facts: readonly AssessmentFact[], mail?: MailBatch) {
  return [
    part('notice', {
      Put: {
        TableName: tableName,
        Item: noticeRecord(notice),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    }),
    ...factParts(tableName, facts),
    ...(mail ? [mailBatchPart(tableName, mail, new Date(notice.issuedAt))] : []),
  ];
}

export function noticeParts(
  tableName: string,
  notice: Notice,
  obligations: RectificationObligation[],
  facts: readonly AssessmentFact[],
  mail?: MailBatch,
) {
  const [noticePart, ...fact] = noticeCommitParts(tableName, notice, facts, mail);
  return [
    noticePart!,
    ...obligations.map((o) => part('obligation', { Put: { TableName: tableName, Item: obligationRecord(o) } })),
    ...fact,
  ];
}

/** An obligation marked withdrawn (out of the Due index), only where it is stored: a withdrawal makes none. */
const obligationWithdrawal = (TableName: string, o: RectificationObligation) =>
  part('obligation', {
    Put: { TableName, Item: obligationRecord({ ...o, status: 'withdrawn' }), ConditionExpression: 'attribute_exists(PK)' },
  });

/** Consecutive runs of at most `size`. */
const chunks = <T>(all: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(all.length / size) }, (_, i) => all.slice(i * size, (i + 1) * size));

export class DynamoNoticeRepository implements NoticeRepository {
  /**
   * A notice naming few enough units is one transaction. A bigger one (a job's notice of a day when a hundred
   * units are late) cannot be: its obligations are written first, in transactions of at most 100, then the
   * notice with its fact as the commit point. Until the notice exists nothing reads its obligations (a notice's
   * obligations are read under the notice; the Due index's are kept only when their notice exists), so readers
   * see all or nothing; a re-run after a crash between the two rewrites the same records (they are keyed by
   * notice and unit) and removes those of units the new attempt no longer names.
   */
  async issue(
    notice: Notice,
    obligations: RectificationObligation[],
    facts: readonly AssessmentFact[],
    idempotency?: IdempotencyWrite,
    mail?: MailBatch,
  ): Promise<void> {
    const { tableName } = ledger();
    const exists = () => new Conflict(say('conflict.exists', { what: 'notice', id: notice.id }), 'notice-exists');
    const whole = noticeParts(tableName, notice, obligations, facts, mail);
    if (whole.length + (idempotency ? 1 : 0) <= MAX_TRANSACTION_WRITES) {
      await writeCreation(whole, idempotency, { notice: exists });
      return;
    }
    if (await this.get(notice.id)) throw exists();
    await this.stageObligations(tableName, notice.id, obligations, exists);
    await writeCreation(noticeCommitParts(tableName, notice, facts, mail), idempotency, { notice: exists });
  }

  /** The obligations of a notice not yet issued, in transactions of at most 100 writes; see issue(). */
  private async stageObligations(tableName: string, noticeId: string, obligations: RectificationObligation[], exists: () => Error) {
    const named = new Set(obligations.map((o) => o.unitId));
    const earlier = await this.under<RectificationObligation>(noticeId, OBLIGATION_PREFIX);
    // Only what a committed notice cannot have touched yet: one that was issued meanwhile fails these conditions.
    const unchanged = {
      ConditionExpression: 'attribute_not_exists(PK) OR #s = :owed',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':owed': { S: 'owed' } },
    };
    const writes: Part<'obligation'>[] = [
      ...earlier
        .filter((o) => !named.has(o.unitId))
        .map((o) =>
          part('obligation', { Delete: { TableName: tableName, Key: toRecord(obligationKey(noticeId, o.unitId)), ...unchanged } }),
        ),
      ...obligations.map((o) => part('obligation', { Put: { TableName: tableName, Item: obligationRecord(o), ...unchanged } })),
    ];
    for (const chunk of chunks(writes, MAX_TRANSACTION_WRITES)) {
      await transact(chunk, (why) => (why.failed('obligation') ? exists() : undefined));
    }
  }

  async get(id: string): Promise<Notice | null> {
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(noticeKey(id)), ConsistentRead: true }));
    return out.Item ? fromRecord<Notice>(out.Item) : null;
  }

  list(page: PageRequest, naming?: string): Promise<Page<Notice>> {
    // A unit's notices are the few among the city's that name it: read through, keep those.
    const filter = naming === undefined ? undefined : { expression: 'contains(unitIds, :unit)', values: { ':unit': { S: naming } } };
    return listPartition<Notice>(NOTICES, page, true, filter);
  }

  obligations(noticeId: string): Promise<RectificationObligation[]> {
    return this.under<RectificationObligation>(noticeId, OBLIGATION_PREFIX);
  }

  rectifications(noticeId: string): Promise<Rectification[]> {
    return this.under<Rectification>(noticeId, RECTIFICATION_PREFIX);
  }

  async escalate(obligations: readonly RectificationObligation[]): Promise<RectificationObligation[]> {
    const { tableName } = ledger();
    const changed: RectificationObligation[] = [];
    for (const o of obligations) {
      const escalated = { ...o, status: 'escalated' as const, wasEscalated: true as const };
      const parts = [
        part('obligation', {
          Update: {
            TableName: tableName,
            Key: toRecord(obligationKey(o.noticeId, o.unitId)),
            // An update, not a put: a returned obligation keeps its count of hand-ins.
            UpdateExpression: `SET #s = :escalated, wasEscalated = :true REMOVE ${ledgerIndexes.Due.partitionKey}, ${ledgerIndexes.Due.sortKey}`,
            // Only what is still owed: a rectification that arrived meanwhile wins.
            ConditionExpression: '#s IN (:owed, :returned)',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':owed': { S: 'owed' },
              ':returned': { S: 'returned' },
              ':escalated': { S: 'escalated' },
              ':true': { BOOL: true },
            },
          },
        }),
        ...factParts(tableName, [lateRectificationFact(o)]),
      ];
      try {
        await transact(parts);
        changed.push(escalated);
      } catch (error) {
        if (!cancellationOf(error, parts)?.failed('obligation')) throw error;
      }
    }
    return changed;
  }

  async rectify(
    rectification: Rectification,
    obligation: RectificationObligation,
    facts: readonly AssessmentFact[],
    idempotency?: IdempotencyWrite,
    files: readonly FileClaim[] = [],
    mail?: MailBatch,
  ): Promise<void> {
    const { tableName } = ledger();
    const parts = [
      part('rectification', {
        Put: {
          TableName: tableName,
          Item: rectificationRecord(rectification),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      }),
      // Settled: the obligation leaves the Due index, so the one-week check no longer sees it.
      part('obligation', {
        Put: { TableName: tableName, Item: obligationRecord(obligation), ConditionExpression: 'attribute_exists(PK)' },
      }),
      // Handed in after its week: counted once, under the same key as an escalation of it (decided by the use case).
      ...factParts(tableName, facts),
      // 书面整改报告 and its files: attached only while free, so of two hand-ins naming one file exactly one keeps it.
      ...files.map((f) => fileClaimPart(tableName, f)),
      // The office's letter (a 整改报告 to review), released by the stream after the commit.
      ...(mail ? [mailBatchPart(tableName, mail, new Date(rectification.submittedAt))] : []),
    ];
    await writeCreation(parts, idempotency, {
      file: () => fileTaken(files),
      rectification: () =>
        new Conflict(
          say('conflict.already-rectified', { unitId: rectification.unitId, noticeId: rectification.noticeId }),
          'already-rectified',
        ),
    });
  }

  async review(
    rectification: Rectification,
    obligation: RectificationObligation,
    idempotency?: IdempotencyWrite,
    mail?: MailBatch,
  ): Promise<void> {
    const { tableName } = ledger();
    const parts = [
      part('rectification', {
        Put: {
          TableName: tableName,
          Item: rectificationRecord(rectification),
          // Reviewed once: a second review (or one racing it) finds the first.
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(review)',
        },
      }),
      part('obligation', {
        Put: {
          TableName: tableName,
          Item: obligationRecord(obligation),
          ConditionExpression: '#s = :rectified',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':rectified': { S: 'rectified' } },
        },
      }),
      // The unit's email, written with the review: a review refused tells no one.
      ...(mail ? [mailBatchPart(tableName, mail, new Date(rectification.review?.at ?? Date.now()))] : []),
    ];
    const notAwaiting = () =>
      new Conflict(
        say('conflict.rectification-not-awaiting-review', { noticeId: rectification.noticeId, unitId: rectification.unitId }),
        'rectification-not-awaiting-review',
      );
    await writeCreation(parts, idempotency, { rectification: notAwaiting, obligation: notAwaiting });
  }

  /**
   * 撤销通报. A notice naming few enough units is withdrawn in one transaction: the notice, each obligation, the fact.
   * A bigger one cannot be (DynamoDB takes 100 writes in one): the notice withdrawn with its fact removed (and the
   * idempotency record) is the commit point, written first; the obligations follow in transactions of at most 100
   * (completeWithdrawal). From the commit on, the notice says it all: readers treat every obligation of a withdrawn
   * notice as withdrawn (read-notices.ts, the Due queries), so a crash between the chunks shows nothing owed, and a
   * re-run of the request (or any later one: the use case completes before it answers 409) marks the rest.
   */
  async withdraw(
    notice: Notice,
    obligations: readonly RectificationObligation[],
    idempotency?: IdempotencyWrite,
    mail?: MailBatch,
  ): Promise<void> {
    const { tableName } = ledger();
    const commit = [
      part('notice', {
        Put: {
          TableName: tableName,
          Item: noticeRecord(notice),
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(withdrawn)',
        },
      }),
      // Rule 4 and the deduction read this fact: with it gone the notice counts for nothing.
      part('fact', { Delete: { TableName: tableName, Key: toRecord(factKey(noticeFact(notice))) } }),
      // Whom the withdrawal tells, with the withdrawal itself: the stream sends it once committed.
      ...(mail ? [mailBatchPart(tableName, mail, new Date(notice.withdrawn?.at ?? Date.now()))] : []),
    ];
    // Out of the Due index: the one-week check never sees a withdrawn notice's obligations again.
    const marks = obligations.map((o) => obligationWithdrawal(tableName, o));
    const conflict = { notice: () => new Conflict(say('conflict.notice-withdrawn', { noticeId: notice.id }), 'notice-withdrawn') };
    if (commit.length + marks.length + (idempotency ? 1 : 0) <= MAX_TRANSACTION_WRITES) {
      await writeCreation([...commit, ...marks], idempotency, conflict);
      return;
    }
    await writeCreation(commit, idempotency, conflict);
    await this.completeWithdrawal(notice);
  }

  async completeWithdrawal(notice: Notice): Promise<number> {
    if (!notice.withdrawn) return 0;
    const { tableName } = ledger();
    const left = (await this.obligations(notice.id)).filter((o) => o.status !== 'withdrawn');
    for (const chunk of chunks(left, MAX_TRANSACTION_WRITES)) {
      await transact(chunk.map((o) => obligationWithdrawal(tableName, { ...o, status: 'withdrawn' })));
    }
    return left.length;
  }

  async forgetLateRectifications(notice: Notice, obligations: readonly RectificationObligation[]): Promise<void> {
    const { client, tableName } = ledger();
    await eachOf(obligations, async (o) => {
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: toRecord(factKey(lateRectificationFact(o))) }));
      // The one-week check's mark names the notice the unit ignored; only a mark for this notice goes with it.
      await conditionHeld(
        client.send(
          new DeleteItemCommand({
            TableName: tableName,
            Key: toRecord(markKey(notExcellentMark(o.unitId, noticeYearOf(o)))),
            ConditionExpression: 'noticeId = :notice',
            ExpressionAttributeValues: { ':notice': { S: notice.id } },
          }),
        ),
      );
    });
  }

  /** The records of one kind under a notice, every page (a job's notice may name hundreds of units). */
  private async under<T>(noticeId: string, prefix: string): Promise<T[]> {
    const { rows } = await queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': { S: noticeKey(noticeId).PK }, ':prefix': { S: prefix } },
      ConsistentRead: true,
    });
    return rows.map((r) => fromRecord<T>(r));
  }
}
