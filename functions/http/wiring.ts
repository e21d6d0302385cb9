import { systemClock } from '../adapters/clock';
import { DynamoAssessmentFacts } from '../adapters/dynamodb/assessment-facts';
import { DynamoAttachmentRepository } from '../adapters/dynamodb/attachment-repository';
import { DynamoCalendarStore } from '../adapters/dynamodb/calendar-store';
import { DynamoDueQueries } from '../adapters/dynamodb/due-queries';
import { DynamoIdempotencyStore } from '../adapters/dynamodb/idempotency-store';
import { DynamoImportLeftoverStore } from '../adapters/dynamodb/import-leftovers';
import { DynamoItemRepository } from '../adapters/dynamodb/item-repository';
import { DynamoLedgerChain } from '../adapters/dynamodb/ledger-chain';
import { DynamoMailEvents } from '../adapters/dynamodb/mail-events';
import { DynamoMarkers } from '../adapters/dynamodb/markers';
import { DynamoNoticeRepository } from '../adapters/dynamodb/notice-repository';
import { DynamoOfficeLedgers } from '../adapters/dynamodb/office-ledgers';
import { DynamoOfficeSummaries } from '../adapters/dynamodb/office-summaries';
import { DynamoOfficeRegistry } from '../adapters/dynamodb/office-registry';
import { DynamoPublicNotices } from '../adapters/dynamodb/public-notices';
import { DynamoReferralRepository } from '../adapters/dynamodb/referral-repository';
import { DynamoSequences } from '../adapters/dynamodb/sequences';
import { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { S3AttachmentStore } from '../adapters/s3/attachment-store';
import { ENV, reportQualityWeightFromEnv, supervisionWeightFromEnv } from '../config';
import { DEFAULT_REPORT_QUALITY_WEIGHT, DEFAULT_SUPERVISION_WEIGHT } from '../domain/assessment';
import { officeNoticePrefix, officeSignature } from './caller-office';
import type { TellDeps } from '../use-cases/announce';

/**
 * Every adapter the HTTP route groups work with, one of each per container, as `jobs/wiring.ts` is for the jobs,
 * and the sets of them the use cases take. A new port is one line here (and a line in the set that needs it); a new
 * route is one entry in the contract and one `implement` in its group, which passes a set below to its use case.
 *
 * Each adapter is made `@__PURE__`, and the sets are plain objects: esbuild leaves out of a route group's bundle
 * every adapter and SDK client its routes never name (the calendar's Lambda carries no S3 client; no request sends
 * mail, so none carries SES). An adapter is a thin object whose SDK client is made on its first call
 * (dynamodb/client.ts, s3/attachment-store.ts) and shared by every adapter of its service.
 */
export const clock = systemClock;
export const units = /* @__PURE__ */ new DynamoUnitRepository();
export const items = /* @__PURE__ */ new DynamoItemRepository();
export const notices = /* @__PURE__ */ new DynamoNoticeRepository();
export const referrals = /* @__PURE__ */ new DynamoReferralRepository();
export const idempotency = /* @__PURE__ */ new DynamoIdempotencyStore();
export const calendar = /* @__PURE__ */ new DynamoCalendarStore();
export const markers = /* @__PURE__ */ new DynamoMarkers();
export const facts = /* @__PURE__ */ new DynamoAssessmentFacts();
export const sequences = /* @__PURE__ */ new DynamoSequences();
export const chain = /* @__PURE__ */ new DynamoLedgerChain();
/** Delivery receipts of the notices' mail (per named unit: delivered, bounced, pending). */
export const receipts = /* @__PURE__ */ new DynamoMailEvents();
export const publicNotices = /* @__PURE__ */ new DynamoPublicNotices();
export const attachments = /* @__PURE__ */ new DynamoAttachmentRepository();
export const store = /* @__PURE__ */ new S3AttachmentStore();
/** The rows each import left to fix (导入待修正). */
export const leftovers = /* @__PURE__ */ new DynamoImportLeftoverStore();
/**
 * The overview's and the assessment's reads of the sparse indexes. One per container: its capacity counter
 * (readUnits) is for a job run's summary and the sweep benchmark, never read on a request.
 */
export const due = /* @__PURE__ */ new DynamoDueQueries();

/**
 * How the route groups that change the ledger tell people (派发, 通报, 延期审批, 核查, 撤销通报): letters written with
 * the change, which the table's stream sends; links to the console at CONSOLE_URL (unset, the local console's address).
 */
export const tell: TellDeps = {
  units,
  get consoleUrl() {
    return process.env[ENV.consoleUrl] || undefined;
  },
  get signature() {
    return officeSignature();
  },
};

/** The office's entries in the working calendar (调休, holidays). */
export const calendarEntries = { calendar, clock };

/** 督查机构: the tree of offices, table-wide. */
export const offices = /* @__PURE__ */ new DynamoOfficeRegistry();

/** Registering an office below the caller's, and reading the tree. */
export const officeTreeWork = { offices, idempotency, clock };

/** 分解下达: an item of the office above read up, items of this office registered, an item's children read down. */
export const ledgers = /* @__PURE__ */ new DynamoOfficeLedgers(items, offices);

/** The roster: registering and editing units; a unit registered without a code draws the next number. */
export const roster = { units, idempotency, clock, sequences };

/** A change to items (立项派发, the lifecycle, edits): the ledger, the roster, the working days, and whom it tells. */
export const itemChanges = { items, units, idempotency, clock, calendar, tell };

/** 纵向到底: the offices of the caller's subtree and their daily summaries. */
export const tree = { offices, summaries: /* @__PURE__ */ new DynamoOfficeSummaries() };

/** 分解下达: registering children as 立项派发 does, and reading across the tree. */
export const cascading = { ...itemChanges, ledgers, offices };

/** Reading an item's history against its hash chain. */
export const chainReads = { items, chain };

/** Files: the attachment records, the bucket, and the items they belong to. */
export const files = { attachments, store, items, clock };

/** 督查通报 and 整改: issuing, handing in, reviewing, withdrawing; a notice's 文号 from its year's counter. */
export const noticeWork = {
  notices,
  items,
  units,
  idempotency,
  clock,
  tell,
  markers,
  sequences,
  /** A notice's 文号 prefix (NOTICE_NUMBER_PREFIX), read on each use. */
  get noticeNumberPrefix() {
    return officeNoticePrefix() || process.env[ENV.noticeNumberPrefix] || undefined;
  },
};

/** The overview and the assessment (the statistics group; the exports group for its workbook). */
export const statistics = {
  due,
  facts,
  units,
  items,
  markers,
  /** 一级抓一级: a government with an office of its own is assessed on that office's record too (SUPERVISION_WEIGHT). */
  supervision: {
    ...tree,
    get weight() {
      return supervisionWeightFromEnv(DEFAULT_SUPERVISION_WEIGHT);
    },
  },
  /** 报送内容 in the assessment (REPORT_QUALITY_WEIGHT, default 0). */
  get reportQualityWeight() {
    return reportQualityWeightFromEnv(DEFAULT_REPORT_QUALITY_WEIGHT);
  },
};

/** The ledger as a file, out (exports, dossiers) and in (imports). */
export const ledgerFiles = { items, units, attachments, markers, clock };

/**
 * 导入台账: the roster (the aliases the clerk confirms), the items, the marks of past deadlines, the 派发 letters, and
 * the rows left to fix.
 */
export const ledgerImports = { items, units, markers, clock, tell, leftovers };

/** 待办: what waits on the office, read in one request. */
export const officeWork = { items, notices, units, leftovers, clock };

/** Referrals (转办) of matters to units. */
export const referralWork = { referrals, units, items, idempotency, clock };
