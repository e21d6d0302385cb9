import type { Notice, RectificationObligation } from '../domain/notices';
import type { Unit } from '../domain/units';
import type { DryRunRecipient, DryRunReport, JobAdapters } from '../use-cases/jobs/job-context';
import type { LedgerChain, SealArchive } from '../use-cases/ledger-ports';
import type {
  AssessmentFacts,
  CalendarStore,
  Clock,
  DueQueries,
  IdempotencyStore,
  ItemChange,
  ItemRepository,
  Mailer,
  MailOutbox,
  MarkRef,
  Markers,
  NoticeRepository,
  OutboxState,
  OutgoingMail,
  QueuedMail,
  Sequences,
  UnitRepository,
} from '../use-cases/ports';
import type { OfficeArrangement } from '../domain/working-days';

/**
 * A job's dry run (`npm run job -- NAME --dry-run`, `{"dryRun": true}` on the Lambda event): the job runs as it
 * would, on the real reads, but every port it writes through is one of these, which records what it would have
 * written and writes nothing. The jobs' code is the same for both runs; only the adapters at the edge differ.
 */

/**
 * All a dry run is given of the real adapters: their read methods, named one by one. A write method added to a
 * port is not here until someone names it, and `dryRunAdapters` cannot place a real port where the jobs expect a
 * writing one (a `UnitReads` is no `UnitRepository`): a dry run that writes does not compile.
 */
export interface JobReads {
  units: Pick<UnitRepository, 'get' | 'missing' | 'getMany' | 'all' | 'list' | 'history'>;
  items: Pick<ItemRepository, 'get' | 'list' | 'history' | 'reports' | 'extension' | 'missing' | 'extensions' | 'leadersInCharge'>;
  notices: Pick<NoticeRepository, 'get' | 'list' | 'obligations' | 'rectifications'>;
  markers: Pick<Markers, 'unmarked'>;
  outbox: Pick<MailOutbox, 'pending' | 'batches' | 'state'>;
  sequences?: Pick<Sequences, 'peek'>;
  ledgerChain: Pick<
    LedgerChain,
    'storedEvents' | 'storedRecords' | 'lagging' | 'itemIds' | 'unsealedHeads' | 'latestSeal' | 'sealOfDate' | 'seals' | 'recentSeals'
  >;
  calendar?: Pick<CalendarStore, 'all'>;
  facts: Pick<AssessmentFacts, 'ofYear'>;
  idempotency: Pick<IdempotencyStore, 'find'>;
  due: DueQueries;
  clock: Clock;
  consoleUrl?: string;
  noticeNumberPrefix?: string;
}

/** These methods of a port, bound to it, and nothing else of it (not even at run time, whatever a cast says). */
function only<P extends object, K extends keyof P>(port: P, methods: readonly K[]): Pick<P, K> {
  const picked = {} as Pick<P, K>;
  for (const name of methods) {
    const member = port[name];
    picked[name] = (typeof member === 'function' ? member.bind(port) : member) as P[K];
  }
  return picked;
}

/** The reads of the jobs' real adapters, for a dry run. */
export function readsOf(real: JobAdapters): JobReads {
  return {
    units: only(real.units, ['get', 'missing', 'getMany', 'all', 'list', 'history']),
    items: only(real.items, ['get', 'list', 'history', 'reports', 'extension', 'missing', 'extensions', 'leadersInCharge']),
    notices: only(real.notices, ['get', 'list', 'obligations', 'rectifications']),
    markers: only(real.markers, ['unmarked']),
    outbox: only(real.outbox, ['pending', 'batches', 'state']),
    sequences: real.sequences && only(real.sequences, ['peek']),
    ledgerChain: only(real.ledgerChain, [
      'storedEvents',
      'storedRecords',
      'lagging',
      'itemIds',
      'unsealedHeads',
      'latestSeal',
      'sealOfDate',
      'seals',
      'recentSeals',
    ]),
    calendar: real.calendar && only(real.calendar, ['all']),
    facts: only(real.facts, ['ofYear']),
    idempotency: only(real.idempotency, ['find']),
    due: real.due,
    clock: real.clock,
    consoleUrl: real.consoleUrl,
    noticeNumberPrefix: real.noticeNumberPrefix,
  };
}

/** The jobs' adapters for a dry run: the reads as given, every write a recorder's. */
export function dryRunAdapters(reads: JobReads, recorder: DryRunRecorder): JobAdapters {
  return {
    due: reads.due,
    clock: reads.clock,
    facts: reads.facts,
    idempotency: reads.idempotency,
    consoleUrl: reads.consoleUrl,
    noticeNumberPrefix: reads.noticeNumberPrefix,
    units: dryRunUnits(reads.units, recorder),
    items: dryRunItems(reads.items, recorder),
    notices: dryRunNotices(reads.notices, recorder),
    markers: new DryRunMarkers(reads.markers, recorder),
    outbox: new DryRunOutbox(reads.outbox, recorder),
    sequences: reads.sequences && new DryRunSequences(reads.sequences, recorder),
    mailer: new DryRunMailer(recorder),
    ledgerChain: dryRunLedgerChain(reads.ledgerChain, recorder),
    calendar: reads.calendar && dryRunCalendar(reads.calendar, recorder),
  };
}

/** The roster read; a unit registered or edited is held. */
export function dryRunUnits(real: JobReads['units'], recorder: DryRunRecorder): UnitRepository {
  return {
    ...real,
    register: async () => recorder.hold('units.register'),
    update: async () => recorder.hold('units.update'),
  };
}

/** The working calendar read; an entry is held. */
export function dryRunCalendar(real: NonNullable<JobReads['calendar']>, recorder: DryRunRecorder): CalendarStore {
  return {
    all: () => real.all(),
    put: async (_arrangement: OfficeArrangement) => recorder.hold('calendar.put'),
  };
}

/** What a dry run records as it goes; `report` names the recipients by unit and role. */
export class DryRunRecorder {
  readonly mails: OutgoingMail[] = [];
  readonly notices: Notice[] = [];
  readonly withheld: Record<string, number> = {};

  hold(write: string): void {
    this.withheld[write] = (this.withheld[write] ?? 0) + 1;
  }

  async report(units: Pick<UnitRepository, 'all'>): Promise<DryRunReport> {
    const roster = await units.all();
    const byAddress = new Map<string, DryRunRecipient>();
    for (const unit of roster)
      for (const c of unit.contacts)
        if (!byAddress.has(c.email.toLowerCase())) byAddress.set(c.email.toLowerCase(), { unit: unit.name, role: c.role });
    const names = new Map(roster.map((u: Unit) => [u.id, u.name]));
    // One line per email as written (subject and kind): its recipients together, as the real run sends each its own copy.
    const grouped = new Map<string, DryRunReport['wouldSend'][number]>();
    for (const mail of this.mails) {
      const kind = mail.tags?.kind ?? 'mail';
      const key = `${kind}\u0000${mail.subject}`;
      const entry = grouped.get(key) ?? { kind, subject: mail.subject, to: [] };
      for (const address of mail.to) entry.to.push(byAddress.get(address.toLowerCase()) ?? { unit: '（名册外地址）', role: 'unknown' });
      grouped.set(key, entry);
    }
    return {
      written: 'nothing',
      wouldSend: [...grouped.values()],
      wouldIssue: this.notices.map((n) => ({
        id: n.id,
        ...(n.documentNumber ? { documentNumber: n.documentNumber } : {}),
        level: n.level,
        units: n.unitIds.map((id) => names.get(id) ?? id),
        items: n.itemIds.length,
        rectificationDue: n.rectificationDue,
      })),
      withheld: { ...this.withheld },
    };
  }
}

/** Sends nothing: records the mail and answers as SES would. */
export class DryRunMailer implements Mailer {
  constructor(private readonly recorder: DryRunRecorder) {}

  async send(mail: OutgoingMail) {
    this.recorder.hold('mailer.send');
    this.recorder.mails.push(mail);
    return { messageId: 'dry-run' };
  }
}

/**
 * The sent-markers as the real outbox holds them (read), with this run's claims and sends kept in memory: a mail
 * an earlier run sent is skipped as the real run would skip it, and no marker is written.
 */
export class DryRunOutbox implements MailOutbox {
  private readonly states = new Map<string, OutboxState>();

  constructor(
    private readonly real: JobReads['outbox'],
    private readonly recorder: DryRunRecorder,
  ) {}

  async claim(mail: QueuedMail): Promise<OutboxState> {
    this.recorder.hold('outbox.claim');
    const state = this.states.get(mail.id) ?? (this.real.state ? await this.real.state(mail.id) : 'new');
    if (state === 'new') this.states.set(mail.id, 'pending');
    return state;
  }

  async markSent(id: string): Promise<void> {
    this.recorder.hold('outbox.markSent');
    this.states.set(id, 'sent');
  }

  async markFailed(): Promise<number> {
    this.recorder.hold('outbox.markFailed');
    return 0;
  }

  async park(id: string): Promise<boolean> {
    this.recorder.hold('outbox.park');
    this.states.set(id, 'parked');
    return true;
  }

  pending(limit: number): Promise<QueuedMail[]> {
    return this.real.pending(limit);
  }

  batches(limit: number) {
    return this.real.batches(limit);
  }

  async dropBatch(): Promise<void> {
    this.recorder.hold('outbox.dropBatch');
  }

  async state(id: string): Promise<OutboxState> {
    return this.states.get(id) ?? (this.real.state ? this.real.state(id) : 'new');
  }
}

const refKey = (ref: MarkRef) => JSON.stringify([ref.on, ref.what]);

/** Once-only marks: read from the ledger, this run's kept in memory. */
export class DryRunMarkers implements Markers {
  private readonly marked = new Set<string>();

  constructor(
    private readonly real: JobReads['markers'],
    private readonly recorder: DryRunRecorder,
  ) {}

  async mark(ref: MarkRef): Promise<boolean> {
    this.recorder.hold('markers.mark');
    const first = !this.marked.has(refKey(ref)) && (await this.real.unmarked([ref])).length === 1;
    this.marked.add(refKey(ref));
    return first;
  }

  async unmarked(refs: readonly MarkRef[]): Promise<MarkRef[]> {
    const open = await this.real.unmarked(refs);
    return open.filter((ref) => !this.marked.has(refKey(ref)));
  }
}

/** The 文号 counter read, never raised: the numbers a run would take, in order, from the one after the last taken. */
export class DryRunSequences implements Sequences {
  private readonly taken = new Map<string, number>();

  constructor(
    private readonly real: NonNullable<JobReads['sequences']>,
    private readonly recorder: DryRunRecorder,
  ) {}

  async next(sequence: string, year: number): Promise<number> {
    this.recorder.hold('sequences.next');
    const key = `${sequence}#${year}`;
    const value = (this.taken.get(key) ?? (await this.real.peek(sequence, year)) - 1) + 1;
    this.taken.set(key, value);
    return value;
  }

  async peek(sequence: string, year: number): Promise<number> {
    const taken = this.taken.get(`${sequence}#${year}`);
    return taken === undefined ? this.real.peek(sequence, year) : taken + 1;
  }
}

/** Notices read from the ledger; those this run would issue (and escalate) are recorded, and read back from memory. */
export function dryRunNotices(real: JobReads['notices'], recorder: DryRunRecorder): NoticeRepository {
  const held = (write: string) => async () => {
    recorder.hold(`notices.${write}`);
  };
  return {
    get: async (id) => recorder.notices.find((n) => n.id === id) ?? real.get(id),
    list: (page, naming) => real.list(page, naming),
    obligations: (noticeId) => real.obligations(noticeId),
    rectifications: (noticeId) => real.rectifications(noticeId),
    issue: async (notice: Notice) => {
      recorder.hold('notices.issue');
      recorder.notices.push(notice);
    },
    escalate: async (obligations: readonly RectificationObligation[]) => {
      recorder.hold('notices.escalate');
      return obligations.filter((o) => o.status === 'owed').map((o) => ({ ...o, status: 'escalated' as const }));
    },
    rectify: held('rectify'),
    review: held('review'),
    withdraw: held('withdraw'),
    completeWithdrawal: async () => {
      recorder.hold('notices.completeWithdrawal');
      return 0;
    },
    forgetLateRectifications: held('forgetLateRectifications'),
  };
}

/**
 * Items read from the ledger; a change (a notice recorded in an item's history, with the facts and the chaining a
 * commit brings) is recorded, not committed.
 */
export function dryRunItems(real: JobReads['items'], recorder: DryRunRecorder): ItemRepository {
  return {
    get: (id) => real.get(id),
    list: (filter, today, page) => real.list(filter, today, page),
    history: (id, page) => real.history(id, page),
    reports: (itemId, page) => real.reports(itemId, page),
    extension: (itemId, requestId) => real.extension(itemId, requestId),
    missing: (ids) => real.missing(ids),
    extensions: (itemId) => real.extensions(itemId),
    leadersInCharge: (ids) => real.leadersInCharge(ids),
    register: async () => {
      recorder.hold('items.register');
    },
    commit: async (_change: ItemChange) => {
      recorder.hold('items.commit');
    },
    commitRun: async (changes: readonly ItemChange[]) => {
      for (const _ of changes) recorder.hold('items.commit');
    },
  };
}

/** The seal's store: the chain read, nothing chained, sealed or archived. */
export function dryRunLedgerChain(real: JobReads['ledgerChain'], recorder: DryRunRecorder): LedgerChain {
  return {
    chain: async () => {
      recorder.hold('chain.chain');
      return null;
    },
    storedEvents: (itemId) => real.storedEvents(itemId),
    storedRecords: (itemId) => real.storedRecords(itemId),
    lagging: () => real.lagging(),
    itemIds: () => real.itemIds(),
    unsealedHeads: (limit) => real.unsealedHeads(limit),
    markSealed: async () => {
      recorder.hold('chain.markSealed');
    },
    latestSeal: () => real.latestSeal(),
    sealOfDate: (date) => real.sealOfDate(date),
    putSeal: async () => {
      recorder.hold('chain.putSeal');
      return true;
    },
    seals: () => real.seals(),
    recentSeals: (count) => real.recentSeals(count),
  };
}

export const dryRunArchive = (recorder: DryRunRecorder): SealArchive => ({
  put: async () => {
    recorder.hold('archive.put');
  },
});
