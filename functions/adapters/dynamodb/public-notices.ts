import type { Notice } from '../../domain/notices';
import type { Page, PageRequest, PublicNoticeSource } from '../../use-cases/ports';
import { itemKey, NOTICES, unitKey } from './keys';
import { listPartition } from './listing';
import { batchGet, fromRecord, toRecord } from './records';

/**
 * What the public feed reads: the notices listing, newest first, filtered to government-level notices with
 * media exposure and not withdrawn (DynamoDB reads on until the page is full), and the names and deadlines they refer to
 * (an item projected to its title and deadline); nothing else of them leaves this class.
 */
export class DynamoPublicNotices implements PublicNoticeSource {
  list(page: PageRequest): Promise<Page<Notice>> {
    return listPartition<Notice>(NOTICES, page, true, {
      // A withdrawn notice (撤销通报) no longer stands: out of the public feed too.
      expression: '#level = :government AND mediaExposure = :yes AND attribute_not_exists(withdrawn)',
      names: { '#level': 'level' },
      values: { ':government': { S: 'government' }, ':yes': { BOOL: true } },
    });
  }

  async unitNames(ids: readonly string[]): Promise<Map<string, string>> {
    // NAME is a reserved word, which batchGet's projection cannot alias: read the unit, keep only its name.
    const rows = await batchGet([...new Set(ids)].map((id) => toRecord(unitKey(id))));
    return new Map(rows.map((r) => fromRecord<{ id: string; name: string }>(r)).map((u) => [u.id, u.name]));
  }

  async itemDeadlines(ids: readonly string[]): Promise<Map<string, { title: string; dueDate: string }>> {
    const rows = await batchGet(
      [...new Set(ids)].map((id) => toRecord(itemKey(id))),
      'id, title, dueDate',
    );
    return new Map(rows.map((r) => fromRecord<{ id: string; title: string; dueDate: string }>(r)).map((i) => [i.id, i]));
  }
}
