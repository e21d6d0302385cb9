import { shanghaiDate } from '../../domain/calendar';
import type { Caller } from '../../domain/caller';
import { responsibleUnits } from '../../domain/items';
import { lightOf, lightReasonOf } from '../../domain/light';
import type { MailItem } from '../../domain/mail';
import type { MailTopic, Unit } from '../../domain/units';
import type { ChangeItemDeps } from '../change-item';
import type { NumberingDeps } from '../issue-notice';
import { addressesOf, type DeliveryDeps, type DeliveryReport } from '../deliver-mail';
import type { DueItem, DueQueries, Markers, NoticeRepository, UnitRepository } from '../ports';

export interface JobDeps extends DeliveryDeps {
  due: DueQueries;
  units: UnitRepository;
  /** The console's address (CONSOLE_URL), for the links in the jobs' mail. */
  consoleUrl?: string;
}

/** The jobs that escalate (overdue-escalation, rectification-check) also mark, issue notices and write histories. */
export interface EscalationDeps extends JobDeps, ChangeItemDeps, NumberingDeps {
  markers: Markers;
  notices: NoticeRepository;
}

/** What every job reports: what it looked at, what it sent, what it could not. */
export interface JobResult {
  job: string;
  time: string;
  /** The Asia/Shanghai date the job ran for. */
  date: string;
  looked: number;
  emails: DeliveryReport;
  noticesIssued: string[];
  /** Units that should have been told but have no contacts to tell. */
  unitsWithoutContacts: string[];
}

/** Scheduled jobs act for the supervision office. */
export const jobActor = (job: string): Caller => ({ sub: `job:${job}`, role: 'office' });

export const jobDate = (now: Date) => shanghaiDate(now);

export const mailItem = (item: DueItem, today: string): MailItem => ({
  id: item.id,
  title: item.title,
  source: item.source,
  dueDate: item.dueDate,
  light: lightOf(item, today),
  lightReason: lightReasonOf(item, today),
  status: item.status,
});

/** Groups entries under each unit answerable for their item (the lead and the co-units). */
export function byUnit<E extends { item: DueItem }>(entries: readonly E[], leadOnly = false): Map<string, E[]> {
  const grouped = new Map<string, E[]>();
  for (const entry of entries) {
    for (const unitId of leadOnly ? [entry.item.leadUnit] : responsibleUnits(entry.item)) {
      grouped.set(unitId, [...(grouped.get(unitId) ?? []), entry]);
    }
  }
  return grouped;
}

export type UnitsById = ReadonlyMap<string, Unit>;

/** The units with these ids, by id (those that exist). */
export async function unitsById(units: UnitRepository, ids: readonly string[]): Promise<UnitsById> {
  return new Map((await units.getMany(ids)).map((u) => [u.id, u]));
}

/** A unit's name for an email; its id if the unit is not in the ledger. */
export const nameOf = (units: UnitsById, unitId: string) => units.get(unitId)?.name ?? unitId;

/** The office's and the leaders' addresses: they are units of kind office and leadership. */
export async function officeAndLeaders(
  units: Pick<UnitRepository, 'all'>,
  topic?: MailTopic,
): Promise<{ office: string[]; leaders: string[] }> {
  const all = await units.all();
  const of = (kind: Unit['kind']) => all.filter((u) => u.kind === kind).flatMap((u) => addressesOf(u, topic));
  return { office: of('office'), leaders: of('leadership') };
}
