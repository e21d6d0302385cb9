import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { addDays } from '../../domain/calendar';
import type { DueItem, DueQueries } from '../../use-cases/ports';
import { endOfDate, itemKey, noticeKey, obligationOfIndex, OPEN_ITEMS, OPEN_RECTIFICATIONS, REPORTS_DUE, scoped } from './keys';
import { ledgerIndexes } from './ledger-table';
import { batchGet, fromRecord, queryAll, toRecord } from './records';

type DueIndex = typeof ledgerIndexes.Due | typeof ledgerIndexes.ReportDue;
const { Due, ReportDue } = ledgerIndexes;

/**
 * The scheduled jobs' reads. Each is a Query of a sparse index (Due,
 * ReportDue) on a due-date range, paginated, projecting only what an email
 * needs, so a job's cost grows with what is due, not with the ledger. The
 * capacity each consumes is added up here and in readMeter (records.ts), for
 * the sweep benchmark.
 */
export class DynamoDueQueries implements DueQueries {
  readUnits = 0;

  itemsDue(from: string, to: string): Promise<DueItem[]> {
    return this.range(Due, OPEN_ITEMS, from, to);
  }

  async deadlinesDue(from: string, to: string): Promise<DueItem[]> {
    return this.withDeadlines(await this.itemsDue(from, to));
  }

  async itemsOverdue(today: string): Promise<DueItem[]> {
    return this.withDeadlines(await this.range(Due, OPEN_ITEMS, undefined, addDays(today, -1)));
  }

  /**
   * Leaves out standing tasks (长期坚持, 常态化): their dueDate is the year's end they are assessed at, not a deadline
   * to remind of or be late for. The Due index does not project `standing` (an index's projection cannot change in
   * place), so the few items a job finds due are read for it.
   */
  private async withDeadlines(items: DueItem[]): Promise<DueItem[]> {
    return (await this.withStanding(items)).filter((i) => !i.standing);
  }

  /** The items, each standing task marked so (its light in a reminder then says 长期坚持, not the year end). */
  private async withStanding(items: DueItem[]): Promise<DueItem[]> {
    if (items.length === 0) return items;
    const records = await batchGet(
      items.map((i) => toRecord(itemKey(i.id))),
      'id, standing',
    );
    const standing = new Set(records.filter((r) => r.standing?.BOOL === true).map((r) => r.id?.S));
    return standing.size === 0 ? items : items.map((i) => (standing.has(i.id) ? { ...i, standing: true } : i));
  }

  async reportsDue(from: string, to: string): Promise<DueItem[]> {
    return this.withStanding(await this.range(ReportDue, REPORTS_DUE, from, to));
  }

  async reportsOverdue(today: string): Promise<DueItem[]> {
    return this.withStanding(await this.range(ReportDue, REPORTS_DUE, undefined, addDays(today, -1)));
  }

  async rectificationsOverdue(today: string) {
    const rows = await this.query(Due, OPEN_RECTIFICATIONS, undefined, addDays(today, -1));
    // The key says it all: whose rectification, under which notice, due when.
    const owed = rows.map((row) => obligationOfIndex(row[Due.sortKey]?.S ?? ''));
    const issued = await this.issuedNotices(owed.map((o) => o.noticeId));
    return owed.filter((o) => issued.has(o.noticeId));
  }

  /**
   * Which of these notices exist and stand. A big notice's obligations are written before the notice itself
   * (notice-repository.ts): those of a notice whose issue has not (yet) committed are not owed; nor are those of a
   * withdrawn notice, whose obligations are marked withdrawn after it when it named too many units for one transaction.
   */
  private async issuedNotices(ids: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Set();
    const found = await batchGet(
      unique.map((id) => toRecord(noticeKey(id))),
      'PK, withdrawn',
    );
    return new Set(found.filter((r) => r.withdrawn === undefined).map((r) => (r.PK?.S ?? '').slice(noticeKey('').PK.length)));
  }

  private async range(index: DueIndex, partition: string, from: string | undefined, to: string): Promise<DueItem[]> {
    return (await this.query(index, partition, from, to)).map((row) => fromRecord<DueItem>(row));
  }

  /** Inclusive date range [from, to] on the index's sort key, every page. */
  private async query(index: DueIndex, partition: string, from: string | undefined, to: string) {
    const values: Record<string, AttributeValue> = { ':pk': { S: scoped(partition) }, ':to': { S: endOfDate(to) } };
    if (from !== undefined) values[':from'] = { S: from };
    const { partitionKey: pk, sortKey: sk } = index;
    const { rows, readUnits } = await queryAll({
      IndexName: index.indexName,
      KeyConditionExpression: from !== undefined ? `${pk} = :pk AND ${sk} BETWEEN :from AND :to` : `${pk} = :pk AND ${sk} <= :to`,
      ExpressionAttributeValues: values,
    });
    this.readUnits += readUnits;
    return rows;
  }
}
