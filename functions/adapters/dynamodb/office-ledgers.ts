import { type Office, parentOfficeId } from '../../domain/offices';
import type { Item } from '../../domain/items';
import type { OfficeLedgers, OfficeRegistry } from '../../use-cases/ports';
import { currentOffice, inOfficeAbove, inOfficeBelow } from '../office-scope';
import { cascadeLinks, itemKey, unitKey } from './keys';
import { batchGet, queryAll, toRecord } from './records';
import { itemFrom } from './item-repository';

/**
 * 分解下达 across the tree (docs/design.md, "Offices in one table"): the one item a county office reads of the
 * city's ledger (the item its government answers for, which the use case checks), and the items an office below
 * made of one item of this office, read down inside that office.
 */
export class DynamoOfficeLedgers implements OfficeLedgers {
  constructor(
    private readonly items: { get(id: string): Promise<Item | null> },
    private readonly offices: Pick<OfficeRegistry, 'all'>,
  ) {}

  async parentItem(itemId: string): Promise<{ office: string; item: Item } | null> {
    const parent = parentOfficeId(currentOffice());
    if (parent === undefined) return null;
    // Reading up, one item by id: the only read of the office above a county office makes.
    const item = await inOfficeAbove(parent, () => this.items.get(itemId));
    return item ? { office: parent, item } : null;
  }

  async cascades(
    itemId: string,
    unitIds: readonly string[],
  ): Promise<{ office: Office; items: Item[]; unitNames: Record<string, string> }[]> {
    const here = currentOffice();
    const below = (await this.offices.all()).filter((o) => o.parentId === here && o.unitId !== undefined && unitIds.includes(o.unitId));
    return Promise.all(below.map(async (office) => ({ office, ...(await this.cascadedFrom(office.id, { office: here, itemId })) })));
  }

  /** The children, and the names of their units in the office below's roster (the office above has other units). */
  private cascadedFrom(
    office: string,
    parent: { office: string; itemId: string },
  ): Promise<{ items: Item[]; unitNames: Record<string, string> }> {
    return inOfficeBelow(office, async () => {
      const { rows } = await queryAll({
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: cascadeLinks(parent) } },
      });
      const ids = rows.map((r) => r.itemId?.S ?? '');
      if (ids.length === 0) return { items: [], unitNames: {} };
      const found = await batchGet(ids.map((id) => toRecord(itemKey(id))));
      const byId = new Map(found.map((r) => [r.id?.S, itemFrom(r)]));
      const items = ids.flatMap((id) => byId.get(id) ?? []);
      const unitIds = [...new Set(items.flatMap((i) => [i.leadUnit, ...i.coUnits]))];
      const units = await batchGet(unitIds.map((id) => toRecord(unitKey(id))));
      return { items, unitNames: Object.fromEntries(units.map((u) => [u.id?.S ?? '', u.name?.S ?? ''])) };
    });
  }
}
