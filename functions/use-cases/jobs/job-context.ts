import { shanghaiDate } from '../../domain/calendar';
import type { Caller } from '../../domain/caller';
import { responsibleUnits } from '../../domain/items';
import { lightOf, lightReasonOf } from '../../domain/light';
import type { MailItem } from '../../domain/mail';
import { deliverable, type MailTopic, type Unit } from '../../domain/units';
import type { NoticeLevel } from '../../domain/codes';
import type { ChangeItemDeps } from '../change-item';
import type { NumberingDeps } from '../issue-notice';
import { addressesOf, type DeliveryDeps, type DeliveryReport } from '../deliver-mail';
import { JobDays } from '../../domain/working-days';
import type { AssessmentFacts, CalendarStore, DueItem, DueQueries, Markers, NoticeRepository, UnitRepository } from '../ports';
import type { LedgerChain } from '../ledger-ports';
import { workingCalendar } from '../working-calendar';

export interface JobDeps extends DeliveryDeps {
  due: DueQueries;
  units: UnitRepository;
  /** China's working days (the office's entries over the package's): without it every day is a working day. */
  calendar?: CalendarStore;
  /** The console's address (CONSOLE_URL), for the links in the jobs' mail. */
  consoleUrl?: string;
  /** Who signs the jobs' mail: an office below the root by its name; absent, the root (市人民政府督查室). */
  signature?: string;
}

/** The run's working days, read once per run. */
export const jobDays = async (deps: Pick<JobDeps, 'calendar'>) =>
  new JobDays(deps.calendar ? await workingCalendar(deps.calendar) : undefined);

/** Years the run met that no holiday arrangement covers, for the summary: `{}` when none. */
export const uncoveredYears = (days: JobDays) => (days.uncovered.size > 0 ? { calendarNotCovered: [...days.uncovered].sort() } : {});

/** The jobs that escalate (overdue-escalation, rectification-check) also mark, issue notices and write histories. */
export interface EscalationDeps extends JobDeps, ChangeItemDeps, NumberingDeps {
  markers: Markers;
  notices: NoticeRepository;
}

/** Everything a job runs with: the escalating jobs' ports, the assessment's facts and the ledger's chain. */
export type JobAdapters = EscalationDeps & { facts: AssessmentFacts; ledgerChain: LedgerChain };

/** Who a mail would reach: the unit a contact belongs to and the contact's role, not the address. */
export interface DryRunRecipient {
  unit: string;
  role: string;
}

/** What a dry run found: the mail it would send, the notices it would issue, and the writes it held back, by kind. */
export interface DryRunReport {
  written: 'nothing';
  wouldSend: { kind: string; subject: string; to: DryRunRecipient[] }[];
  wouldIssue: { id: string; documentNumber?: string; level: NoticeLevel; units: string[]; items: number; rectificationDue: string }[];
  /** Each write the real run would have made, counted by port and method (`outbox.claim`, `sequences.next`…). */
  withheld: Record<string, number>;
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
  /** Overdue escalation: items first seen past their deadline by this run (a metric). */
  itemsTurnedRed?: number;
  /** Rectification check: rectifications this run escalated to a government-level notice (a metric). */
  rectificationsEscalated?: number;
  /** The daily seal of the ledger (deadline-reminders makes it): its number, date, heads and hash. */
  seal?: { number: number; date: string; heads: number; hash: string; made: boolean; chained: number };
  /** Years the run met whose holidays are not entered: it counted their days as working days (PUT /calendar/{year}). */
  calendarNotCovered?: number[];
  /** A dry run's record: what it would have sent and issued; it wrote nothing. */
  dryRun?: DryRunReport;
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

/**
 * The office's and the leaders' addresses: they are units of kind office and leadership; and each leader's
 * own address by leaderId (分管领导), to copy on the mail about the items they are in charge of.
 */
export async function officeAndLeaders(
  units: Pick<UnitRepository, 'all'>,
  topic?: MailTopic,
): Promise<{ office: string[]; leaders: string[]; leaderAddress: ReadonlyMap<string, string> }> {
  const all = await units.all();
  const of = (kind: Unit['kind']) => all.filter((u) => u.kind === kind).flatMap((u) => addressesOf(u, topic));
  const leaderAddress = new Map(
    all
      .filter((u) => u.kind === 'leadership')
      .flatMap((u) =>
        u.contacts.flatMap((c) =>
          c.leaderId && deliverable(c) && (topic === undefined || !c.receives || c.receives.includes(topic))
            ? [[c.leaderId, c.email] as const]
            : [],
        ),
      ),
  );
  return { office: of('office'), leaders: of('leadership'), leaderAddress };
}
