import type { Office } from '../domain/offices';
import type { OfficeSummary } from '../domain/office-summary';
import type { AssessmentFact } from '../domain/assessment';
import type { AttachedTo, FileAttachment, UploadedBytes } from '../domain/attachments';
import type { CalendarDate } from '../domain/calendar';
import type { ExtensionRequest } from '../domain/extensions';
import type { HistoryEvent } from '../domain/history';
import type { Notice, Rectification, RectificationObligation } from '../domain/notices';
import type { ImportLeftover } from '../domain/import-leftovers';
import type { Referral } from '../domain/referrals';
import type { Report } from '../domain/reports';
import type { Item, ItemStatus, Source } from '../domain/items';
import type { Light } from '../domain/light';
import type { MailEvent, NoticeMailState } from '../domain/mail-events';
import type { UnitEvent } from '../domain/unit-edits';
import type { Unit } from '../domain/units';
import type { OfficeArrangement } from '../domain/working-days';

/**
 * What the use cases need from the outside world. Adapters in
 * functions/adapters implement these; tests may pass their own.
 */
export interface Clock {
  now(): Date;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

/** A creation's answer kept with it, so that a retry returns the first answer. */
export interface IdempotencyWrite {
  scope: string;
  fingerprint: string;
  result: unknown;
  expiresAt: Date;
}

export interface IdempotencyRecord {
  fingerprint: string;
  result: unknown;
  expiresAt: Date;
}

export interface IdempotencyStore {
  find(scope: string, now: Date): Promise<IdempotencyRecord | null>;
}

/** 督查机构: the tree of offices (domain/offices.ts), table-wide. */
export interface OfficeRegistry {
  /** Every office, the root's record included once the upgrade wrote it. */
  all(): Promise<Office[]>;
  get(id: string): Promise<Office | null>;
  /** The current office and every office below it, parents first, and the offices above it (root first). */
  subtree(): Promise<{ offices: Office[]; above: Office[] }>;
  /**
   * Registers an office under its parent, in the parent's office (the unit it serves is checked in the parent's
   * roster). Conflict when the id is taken or the unit already has an office; RuleViolation when the unit is not
   * in the roster; IdempotencyRace when the key was used meanwhile.
   */
  register(office: Office & { parentId: string; unitId: string }, idempotency?: IdempotencyWrite): Promise<void>;
}

/** 分解下达 across offices: the item of the office above, and what an office below made of an item of this one. */
export interface OfficeLedgers {
  /** An item of the office directly above the current one, with that office's id (null: no such item, or the root). */
  parentItem(itemId: string): Promise<{ office: string; item: Item } | null>;
  /**
   * What the offices directly below made of this office's item `itemId`: for each office whose government is one of
   * `unitIds` (the item's responsible units, or the one a unit caller is), its items made of it, in the order made.
   */
  cascades(itemId: string, unitIds: readonly string[]): Promise<{ office: Office; items: Item[]; unitNames: Record<string, string> }[]>;
}

/**
 * Where each office's run of a scheduled job goes when the tree has more than one office: in AWS its own invocation
 * of the job's function (adapters/aws/office-runs.ts, JOB_FAN_OUT=lambda), so that a province's hundred offices
 * never share one function's time limit; on one machine, none (each office in turn, in this process).
 */
export interface OfficeRuns {
  start(event: { time: string; job: string; office: string; dryRun?: boolean }): Promise<void>;
}

/** 一级抓一级, measured: each office's latest summary (domain/office-summary.ts). */
export interface OfficeSummaries {
  /** The current office's summary, replacing its last. */
  put(summary: OfficeSummary): Promise<void>;
  /** The latest summary of each of these offices (of the current office's subtree): one read per hundred offices. */
  of(offices: readonly string[]): Promise<Map<string, OfficeSummary>>;
  /** How many items the current office passed down in a year. */
  cascaded(year: number): Promise<number>;
}

export interface UnitRepository {
  /** Fails with Conflict when the id is taken, IdempotencyRace when the key was used meanwhile. */
  register(unit: Unit, idempotency?: IdempotencyWrite): Promise<void>;
  get(id: string): Promise<Unit | null>;
  /** Which of these ids name no unit. */
  missing(ids: readonly string[]): Promise<string[]>;
  /**
   * The units with these ids and, in the same consistent read, the answer an earlier request with this
   * Idempotency-Key got (null: none): a registration's one read round trip. Without it, two reads.
   */
  getManyWithEarlier?(ids: readonly string[], scope: string, now: Date): Promise<{ units: Unit[]; earlier: IdempotencyRecord | null }>;
  /** The units with these ids (those that exist). */
  getMany(ids: readonly string[]): Promise<Unit[]>;
  /** Every unit: a city has a hundred or so. */
  all(): Promise<Unit[]>;
  list(page: PageRequest): Promise<Page<Unit>>;
  /** Writes the unit at its next version (only if still at `before.version`, else StaleUnit) with its history event. */
  update(before: Unit, after: Unit, event: UnitEvent, idempotency?: IdempotencyWrite): Promise<void>;
  /** The unit's recorded changes, oldest first. */
  history(id: string, page: PageRequest): Promise<Page<UnitEvent>>;
}

/** The unit moved on between our read and our write. */
export class StaleUnit extends Error {
  constructor(id: string) {
    super(`Unit ${id} changed meanwhile`);
    this.name = 'StaleUnit';
  }
}

export interface ItemFilter {
  status?: ItemStatus;
  unit?: string;
  source?: Source;
  light?: Light;
  dueBefore?: CalendarDate;
  dueAfter?: CalendarDate;
  /** 分管领导: the items whose leaderInCharge is this leaderId. */
  leader?: string;
  /** Text search: every word in the title, source reference or description (domain/search.ts). */
  q?: string;
  /** The items whose latest report the notice's content rules found something in (report-quality.ts). */
  findings?: boolean;
}

export interface ItemRepository {
  /** Writes the item, its first event and its unit memberships atomically. */
  register(item: Item, event: HistoryEvent, idempotency?: IdempotencyWrite, mail?: MailBatch): Promise<void>;
  get(id: string): Promise<Item | null>;
  list(filter: ItemFilter, today: CalendarDate, page: PageRequest): Promise<Page<Item>>;
  history(id: string, page: PageRequest): Promise<Page<HistoryEvent>>;
  /**
   * Writes a change atomically: the item at its next version (only if it is
   * still at `before.version`, or for a change that commutes at `before.lastSeq`;
   * else StaleItem), its event, and the records the change makes (a report,
   * an extension request).
   */
  commit(change: ItemChange): Promise<void>;
  /**
   * Writes a run of commuting changes, each decided on the item the one before left, as one transaction on the
   * first one's `before.lastSeq` (StaleItem otherwise, nothing written). Optional: without it they are committed
   * one by one.
   */
  commitRun?(changes: readonly ItemChange[]): Promise<void>;
  /** Reports on the item, newest first. */
  reports(itemId: string, page: PageRequest): Promise<Page<Report>>;
  extension(itemId: string, requestId: string): Promise<ExtensionRequest | null>;
  /** Which of these ids name no item. */
  missing(ids: readonly string[]): Promise<string[]>;
  extensions(itemId: string): Promise<ExtensionRequest[]>;
  /** The leader in charge (分管领导) of each of these items that has one: the Due index does not project it. */
  leadersInCharge(ids: readonly string[]): Promise<Map<string, string>>;
}

export type Attachment =
  | { kind: 'report'; report: Report }
  /** `decided`: the request must still be pending when the decision is written. */
  | { kind: 'extension'; request: ExtensionRequest; decided?: boolean }
  /**
   * A file (附件) the change names, attached in the change's own transaction, on the condition that nothing has it yet:
   * of two changes naming one file, exactly one keeps it. `index` is its place in the request's `attachmentIds`;
   * `key` and `sha256` are its pinned copy's, recorded as it is attached.
   */
  | { kind: 'file'; fileId: string; index: number; to: AttachedTo; at: string; key: string; sha256: string };

/** A file (附件) a change names, claimed in that change's own transaction. */
export type FileClaim = Extract<Attachment, { kind: 'file' }>;

export interface ItemChange {
  before: Item;
  after: Item;
  event: HistoryEvent;
  attachments?: Attachment[];
  /**
   * What the change counts for the yearly assessment (reports on time or late, an item closed on time or late),
   * decided with it (`changeOf`, change-item.ts) and written in its transaction: the adapter derives nothing.
   */
  facts: AssessmentFact[];
  idempotency?: IdempotencyWrite;
  /**
   * A change that commutes with others (a report) is written on the history counter alone (`lastSeq` still the
   * one read) and writes only the fields it changes; any other change is written on the item's version.
   */
  commutes?: boolean;
  /** The emails the change tells (announce.ts), written with it: a change that fails tells no one. */
  mail?: MailBatch;
}

/** The item moved on between our read and our write: someone else's change won. Nothing was written. */
export class StaleItem extends Error {
  constructor(
    id: string,
    /** The item as it stood when our write was refused, when the store returned it (saves a read). */
    readonly fresh?: Item,
    /** True when nothing we read was shown to have changed: another write was merely in flight on the same records. */
    readonly contendedOnly = false,
  ) {
    super(`Item ${id} changed meanwhile`);
    this.name = 'StaleItem';
  }
}

/** Thrown by a repository when another request stored the same idempotency key first. */
export class IdempotencyRace extends Error {
  constructor() {
    super('The idempotency key was used by a concurrent request');
    this.name = 'IdempotencyRace';
  }
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Message tags for delivery events (SES: kind, day, the sent-marker's id): what an event is matched back by. */
  tags?: Record<string, string>;
}

/** What the mail service answered: its id of the message, which its delivery events name. */
export interface MailAccepted {
  messageId?: string;
}

/** Sends one email; throws MailNotSent when the mail service refuses or fails. */
export interface Mailer {
  // biome-ignore lint/suspicious/noConfusingVoidType: a mailer may answer nothing (tests' mailers), which void says and undefined does not.
  send(mail: OutgoingMail): Promise<MailAccepted | void>;
}

/** `retryable`: worth sending again later (throttled, service or network down); false when the mail itself was refused. */
export class MailNotSent extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'MailNotSent';
  }
}

export interface NoticeRepository {
  /**
   * Writes the notice with one obligation per named unit and the facts it counts (its noticeFact, decided by the use
   * case), atomically; Conflict if the id exists.
   */
  issue(
    notice: Notice,
    obligations: RectificationObligation[],
    facts: readonly AssessmentFact[],
    idempotency?: IdempotencyWrite,
    mail?: MailBatch,
  ): Promise<void>;
  get(id: string): Promise<Notice | null>;
  /** Newest first; with `naming`, only the notices that name that unit. */
  list(page: PageRequest, naming?: string): Promise<Page<Notice>>;
  obligations(noticeId: string): Promise<RectificationObligation[]>;
  rectifications(noticeId: string): Promise<Rectification[]>;
  /** Marks owed obligations escalated (only those still owed); returns those it changed. */
  escalate(obligations: readonly RectificationObligation[]): Promise<RectificationObligation[]>;
  /**
   * Stores the rectification and settles the obligation, attaching its files (each only while free: 422 if one was
   * taken meanwhile); Conflict if the unit already rectified.
   */
  rectify(
    rectification: Rectification,
    obligation: RectificationObligation,
    /** What the hand-in counts (late after its week), decided by the use case. */
    facts: readonly AssessmentFact[],
    idempotency?: IdempotencyWrite,
    files?: readonly FileClaim[],
    /** The office's letter, written with the hand-in. */
    mail?: MailBatch,
  ): Promise<void>;
  /** Stores the office's review on the latest rectification and the obligation it leaves; Conflict if reviewed meanwhile. */
  review(
    rectification: Rectification,
    obligation: RectificationObligation,
    idempotency?: IdempotencyWrite,
    mail?: MailBatch,
  ): Promise<void>;
  /**
   * Marks the notice withdrawn, its obligations withdrawn, and removes its notice fact; Conflict if withdrawn already.
   * A notice naming more units than one transaction holds commits the notice first and its obligations after, in
   * chunks: completeWithdrawal finishes what a crash left. `mail`, the letters telling of it, go with the notice.
   */
  withdraw(
    notice: Notice,
    obligations: readonly RectificationObligation[],
    idempotency?: IdempotencyWrite,
    mail?: MailBatch,
  ): Promise<void>;
  /** Marks withdrawn every obligation of a withdrawn notice not marked yet (safe to repeat); how many it marked. */
  completeWithdrawal(notice: Notice): Promise<number>;
  /** After a withdrawal: removes the late-rectification facts and the not-excellent marks it caused (safe to repeat). */
  forgetLateRectifications(notice: Notice, obligations: readonly RectificationObligation[]): Promise<void>;
}

/** Yearly sequences (文号): `next` raises the year's counter atomically and answers the new value, 1 first. */
export interface Sequences {
  next(sequence: string, year: number): Promise<number>;
  /** The value `next` would answer, raising nothing (a dry run shows it). */
  peek(sequence: string, year: number): Promise<number>;
}

/** 导入待修正: what imports left to fix (domain/import-leftovers.ts). */
export interface ImportLeftoverStore {
  /** Every import with rows still to fix, oldest first. */
  list(): Promise<ImportLeftover[]>;
  /** A new import's rows (version 1), or an earlier one's rows settled: only over `version - 1` (else StaleLeftover). */
  save(leftover: ImportLeftover): Promise<void>;
  /** Nothing left of it: only at the version read (else StaleLeftover). */
  remove(leftover: ImportLeftover): Promise<void>;
}

/** Another import settled the same record meanwhile: read it again. */
export class StaleLeftover extends Error {}

export interface ReferralRepository {
  record(referral: Referral, idempotency?: IdempotencyWrite): Promise<void>;
  list(page: PageRequest): Promise<Page<Referral>>;
}

/** An email a job wants sent once: `id` is derived from (day, kind, recipient, subject matter). */
export interface QueuedMail extends OutgoingMail {
  id: string;
  kind: string;
  day: string;
  /** The unit this email tells (when it is one unit's letter), and the notice it carries: its delivery is read by them. */
  unit?: string;
  notice?: string;
}

/**
 * The emails one change tells, written in the change's own transaction (one record, whatever the number of
 * recipients) and sent after it: each letter to its addresses, one email per address, through the sent-markers
 * (deliver-mail.ts releaseBatch). A batch still in the outbox was not yet released: the next run releases it.
 */
export interface MailBatch {
  /** Derived from kind, day and `about`, so the same change's batch is the same record. */
  id: string;
  kind: string;
  day: string;
  /** What the change was (the item and its event's seq, the notice): each email's id is derived from it. */
  about: string[];
  /** The notice the batch carries (its delivery to each named unit is read from the emails' sent-markers). */
  notice?: string;
  letters: { to: string[]; unit?: string; mail: { subject: string; text: string; html: string } }[];
}

/**
 * `parked`: given up on after failing the same permanent way too often (deliver-mail.ts); never sent, never pending again.
 * `in-flight`: pending, and claimed a moment ago by another sender (the stream and a job releasing the same batch): it
 * is theirs to send; should they die before marking it, their claim lapses and a later run sends it.
 */
export type OutboxState = 'new' | 'pending' | 'in-flight' | 'sent' | 'parked';

/** Why a send failed: `permanent` when the mail itself was refused (sending it again changes nothing). */
export interface SendFailure {
  reason: string;
  permanent: boolean;
}

/**
 * The sent-markers of the jobs' emails. An email is claimed (written as
 * pending, conditionally) before it is sent and marked sent after; one that
 * failed stays pending and the next run sends it, unless it is parked.
 */
export interface MailOutbox {
  claim(mail: QueuedMail, now: Date): Promise<OutboxState>;
  /** `messageId`: the mail service's id of the message, kept on the marker for its delivery events. */
  markSent(id: string, now: Date, messageId?: string): Promise<void>;
  /** Counts a failed attempt; returns how many of its attempts so far failed permanently. */
  markFailed(id: string, failure: SendFailure, now: Date): Promise<number>;
  /** Takes a pending mail out of the pending ones for good; false if it was no longer pending (sent or parked already). */
  park(id: string, reason: string, now: Date): Promise<boolean>;
  pending(limit: number): Promise<QueuedMail[]>;
  /** Batches written with a change and not released yet (the change committed, the sending did not finish). */
  batches(limit: number): Promise<MailBatch[]>;
  /** The batch is released: every email of it has its own sent-marker now. */
  dropBatch(id: string): Promise<void>;
  /** What `claim` would answer, claiming nothing (a job's dry run); without it a dry run takes every mail as new. */
  state?(id: string): Promise<OutboxState>;
}

/** An open item as the Due and ReportDue indexes project it: what a reminder or warning needs. */
export interface DueItem {
  id: string;
  title: string;
  source: Item['source'];
  leadUnit: string;
  coUnits: string[];
  dueDate: string;
  status: Item['status'];
  nextReportDue?: string;
  milestones?: Item['milestones'];
  /** Projected by Due only: whether a claimed completion came by the deadline. */
  completionClaimedOn?: string;
  /** 长期坚持: marked by reportsDue and reportsOverdue (read for it: the indexes do not project it). */
  standing?: true;
}

/** The jobs' reads: each a Query of a sparse index, paginated; cost grows with what is due. */
export interface DueQueries {
  /** Open items whose dueDate falls in [from, to], standing tasks (长期坚持) too: the year's items, assessed at it. */
  itemsDue(from: string, to: string): Promise<DueItem[]>;
  /** Open items whose deadline falls in [from, to], to remind of: a standing task (长期坚持) has none. */
  deadlinesDue(from: string, to: string): Promise<DueItem[]>;
  /** Open items past their deadline; a standing task (长期坚持) is never. */
  itemsOverdue(today: string): Promise<DueItem[]>;
  reportsDue(from: string, to: string): Promise<DueItem[]>;
  reportsOverdue(today: string): Promise<DueItem[]>;
  rectificationsOverdue(today: string): Promise<{ noticeId: string; unitId: string; due: string }[]>;
  /** Read capacity consumed so far (tables and indexes), for the sweep benchmark. */
  readonly readUnits: number;
}

/** A once-only mark: on which item or unit, and what happened once, e.g. `['warning', 'overdue', '2026-12-01']`. */
export interface MarkRef {
  on: { item: string } | { unit: string };
  what: readonly string[];
}

/** Once-only marks: `mark` is true the first time a ref is marked, false ever after. */
export interface Markers {
  mark(ref: MarkRef, data: Record<string, unknown>): Promise<boolean>;
  /** Those of `refs` (the same objects) not marked yet. */
  unmarked(refs: readonly MarkRef[]): Promise<MarkRef[]>;
}

/**
 * The facts the yearly assessment (考核) counts. The repositories write them
 * with the changes that make them (domain/assessment.ts says which); this
 * reads a year's.
 */
export interface AssessmentFacts {
  /** The year's facts, or only those whose kind starts with `kindPrefix` (e.g. `closed-`). */
  ofYear(year: number, kindPrefix?: string): Promise<AssessmentFact[]>;
}

/** The office's entries of years' holidays (PUT /calendar/{year}), which replace the package's for their year. */
export interface CalendarStore {
  put(arrangement: OfficeArrangement): Promise<void>;
  all(): Promise<OfficeArrangement[]>;
}

/** What the public feed reads (公开曝光): the public notices, newest first, and the names and deadlines they name. */
export interface PublicNoticeSource {
  list(page: PageRequest): Promise<Page<Notice>>;
  unitNames(ids: readonly string[]): Promise<Map<string, string>>;
  itemDeadlines(ids: readonly string[]): Promise<Map<string, { title: string; dueDate: CalendarDate }>>;
}

/** The files themselves (S3, or s3rver locally): presigned URLs, and what was stored. */
export interface AttachmentStore {
  /** A PUT URL whose signature fixes the content type and length. */
  uploadUrl(file: FileAttachment, expiresInSeconds: number): Promise<string>;
  /**
   * Reads an upload once, as it streams: its length, first `firstBytes` bytes, and — only when it is `declaredSize`
   * long, so an over-long body is never read through — the SHA-256 of every byte; with the version read (its ETag).
   * Null when nothing was uploaded.
   */
  examine(key: string, declaredSize: number, firstBytes: number): Promise<(UploadedBytes & { version: string }) | null>;
  /**
   * Copies exactly the version examined of `from` to `to` (a key the upload URL cannot write); false when the
   * upload was replaced since, and nothing is pinned.
   */
  pin(from: string, version: string, to: string): Promise<boolean>;
  downloadUrl(file: FileAttachment, expiresInSeconds: number): Promise<string>;
}

/** The dossiers (一事一档) too big to answer inline: written to the attachments bucket, read back by a presigned GET. */
export interface ArchiveStore {
  /** The stored file's bytes, as they come. */
  read(key: string): Promise<AsyncIterable<Uint8Array>>;
  /** A new object written in parts as its bytes come (a multipart upload past the first part), then closed. */
  writer(key: string, contentType: string): ArchiveWriter;
  /** A GET URL for a written archive, downloaded under `fileName`. */
  archiveUrl(key: string, fileName: string, expiresInSeconds: number): Promise<string>;
}

export interface ArchiveWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** Gives up: nothing of it stays. */
  abort(): Promise<void>;
}

/** The attachments' records in the ledger table. */
export interface AttachmentRepository {
  create(file: FileAttachment): Promise<void>;
  get(id: string): Promise<FileAttachment | null>;
  getMany(ids: readonly string[]): Promise<FileAttachment[]>;
  // Attaching is part of the change that names the files (FileClaim, in its own transaction), not a write of its own.
}

/** A sent-marker as a delivery receipt finds it: whom it was for, and the unit and notice it told. */
export interface SentMarker {
  id: string;
  kind: string;
  to: string[];
  status: string;
  unit?: string;
  notice?: string;
  messageId?: string;
}

/** Delivery receipts on the sent-markers (mail-events.ts). */
export interface MailEventStore {
  marker(id: string): Promise<SentMarker | null>;
  /** The marker of the mail SES accepted with this message id (the receipt carried no marker tag). */
  markerOfMessage(messageId: string): Promise<SentMarker | null>;
  /** Records the receipt on the marker once per (SES message id, event type): false when it was recorded before. */
  record(markerId: string, event: MailEvent, now: Date): Promise<boolean>;
  /** The emails of a notice to its named units, with what their receipts said. */
  noticeMails(noticeId: string): Promise<NoticeMailState[]>;
}
