import * as z from 'zod';
import type { Role } from '../domain/caller';
import { ATOM_MEDIA_TYPE, CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE, ZIP_MEDIA_TYPE } from './media-types';
import {
  CalendarYearBody,
  CalendarYearPath,
  CalendarYearSchema,
  CompletionBody,
  ExtensionDecisionBody,
  ExtensionPath,
  ExtensionRequestBody,
  ExtensionRequestSchema,
  HistoryEventSchema,
  ItemListQuery,
  ItemPath,
  ItemRegistrationBody,
  ItemSchema,
  AssessmentQuery,
  AssessmentSchema,
  LedgerExportQuery,
  OverviewQuery,
  OverviewSchema,
  NoticeBody,
  NoticePath,
  NoticeUnitPath,
  NoticeWithdrawalBody,
  OfficeToDoSchema,
  RectificationReviewBody,
  NoticeSchema,
  OpenApiDocumentSchema,
  PublicAtomQuery,
  PublicFeedQuery,
  PublicNoticeSchema,
  AttachmentPath,
  AttachmentReadSchema,
  DossierLocationSchema,
  UploadBody,
  UploadSchema,
  ImportQuery,
  ImportRequestBody,
  ImportResultSchema,
  RosterImportRequestBody,
  RosterImportResultSchema,
  page,
  PageQuery,
  RectificationBody,
  RectificationSchema,
  ReferralBody,
  ReferralSchema,
  ReportBody,
  ReportSchema,
  UnitPath,
  OfficeRegistrationBody,
  TreeOverviewSchema,
  CascadeBody,
  CascadeResultSchema,
  ItemCascadeSchema,
  OfficeSchema,
  OfficeTreeSchema,
  UnitRegistrationBody,
  UnitSchema,
  VerificationBody,
  DeadlineMoveBody,
  ItemEditBody,
  ReassignmentBody,
  UnitEditBody,
  UnitEventSchema,
  WithdrawalBody,
  ReportPath,
  ReportReturnBody,
} from './schemas';
import { HistoryVerificationSchema } from './ledger-schemas';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

/**
 * The HTTP contract, operation by operation: where it is served, who may
 * call it and the schemas of its input and answer. Each route is declared
 * here and nowhere else: the route table (routes.ts), and through it the CDK
 * stack and the local server, is derived from this; handlers implement these
 * operations; /openapi.json is generated from them, and the integration
 * tests check every answer against them.
 */
export interface Operation {
  method: HttpMethod;
  /** API Gateway resource path, with `{param}` placeholders. */
  path: string;
  /** The handler module `functions/http/<group>.ts`, one Lambda function per group, that serves it. */
  group: string;
  summary: string;
  /** Roles allowed; `public` needs no token at all. */
  roles: readonly Role[] | 'public';
  /** Why a public route may be public: the acknowledgement of cdk-nag's authorizer rules in the stack. */
  publicBecause?: string;
  /** Method throttling in API Gateway, below the stage's (a public route has no sign-in to slow a flood). */
  throttle?: { rateLimit: number; burstLimit: number };
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  /** Accepts an Idempotency-Key header: a retry returns the first answer. */
  idempotent?: true;
  /** An edit: needs If-Match with the version it edits (428 without, 412 when stale). */
  ifMatch?: true;
  /** The body is a file, not JSON: its media types (the handler reads and checks it itself). */
  upload?: { mediaTypes: readonly string[]; description: string; json?: z.ZodType };
  success: { status: number; schema?: z.ZodType; description: string; contentType?: string };
  /** A second way to succeed: a redirect (303, Location) to where the answer was written, with a JSON body saying so. */
  redirect?: { status: 303; schema: z.ZodType; description: string };
}

const everyone = ['office', 'leader', 'unit', 'inspector'] as const;

/**
 * Each key is the operation's `operationId` in /openapi.json: a verb, then
 * what it acts on, in camelCase (registerUnit, listItems, getNotice,
 * exportLedgerCsv). Clients generate code from them: rename none lightly.
 */
export const contract = {
  registerUnit: {
    method: 'POST',
    path: '/units',
    group: 'units',
    summary: 'Register a responsible unit and its contacts',
    roles: ['office'],
    body: UnitRegistrationBody,
    idempotent: true,
    success: { status: 201, schema: UnitSchema, description: 'The unit registered' },
  },
  listUnits: {
    method: 'GET',
    path: '/units',
    group: 'units',
    summary: "The responsible units (a unit's token gets other units' contacts omitted)",
    roles: everyone,
    query: PageQuery,
    success: { status: 200, schema: page(UnitSchema, 'UnitPage'), description: 'A page of units' },
  },
  getUnit: {
    method: 'GET',
    path: '/units/{unitId}',
    group: 'units',
    summary: "One unit (contacts omitted for another unit's token)",
    roles: everyone,
    params: UnitPath,
    success: { status: 200, schema: UnitSchema, description: 'The unit' },
  },
  registerOffice: {
    method: 'POST',
    path: '/offices',
    group: 'units',
    summary: "Register the office of a government in the caller's roster, below the caller's office (一级抓一级)",
    roles: ['office'],
    body: OfficeRegistrationBody,
    idempotent: true,
    success: { status: 201, schema: OfficeSchema, description: 'The office registered; its ledger starts empty' },
  },
  listOffices: {
    method: 'GET',
    path: '/offices',
    group: 'units',
    summary: "The caller's office, the path to it from the root, and the offices below it",
    roles: everyone,
    success: { status: 200, schema: OfficeTreeSchema, description: 'The tree as the caller sees it' },
  },
  registerItem: {
    method: 'POST',
    path: '/items',
    group: 'items',
    summary: 'Register an item in the ledger and dispatch it to its units (立项派发)',
    roles: ['office'],
    body: ItemRegistrationBody,
    idempotent: true,
    success: { status: 201, schema: ItemSchema, description: 'The item, assigned' },
  },
  cascadeItem: {
    method: 'POST',
    path: '/cascades',
    group: 'items',
    summary: "Pass an item of the office above, which the caller's government answers for, down to departments (分解下达)",
    roles: ['office'],
    body: CascadeBody,
    idempotent: true,
    success: { status: 201, schema: CascadeResultSchema, description: "The parent, and the items registered in the caller's ledger" },
  },
  getItemCascade: {
    method: 'GET',
    path: '/items/{id}/cascade',
    group: 'items',
    summary: 'An item and what the offices below made of it: their items, state and progress beside it',
    roles: everyone,
    params: ItemPath,
    success: { status: 200, schema: ItemCascadeSchema, description: 'The item and its children, by office' },
  },
  importLedger: {
    method: 'POST',
    path: '/items/import',
    group: 'imports',
    summary:
      '导入台账: bring an existing ledger in as it is kept (title, section and note rows skipped, columns by their usual names); ?dryRun=true previews, writing nothing',
    roles: ['office'],
    query: ImportQuery,
    upload: {
      mediaTypes: ['text/csv', XLSX_MEDIA_TYPE],
      description:
        '序号, 督查事项, 来源, 文号, 责任领导, 牵头单位, 协办单位, 完成时限, 督办要求, 进展情况, 备注 by any of their usual names (CSV in UTF-8 or GBK, or the first worksheet of a workbook); or JSON: the file in base64 with the decisions of the preview',
      json: ImportRequestBody,
    },
    success: { status: 200, schema: ImportResultSchema, description: 'Each row: created (or would be), already imported, or its problems' },
  },
  importRoster: {
    method: 'POST',
    path: '/units/import',
    group: 'imports',
    summary: '单位名册导入: units with their contacts (负责人, 联络员) from a sheet; ?dryRun=true previews, writing nothing',
    roles: ['office'],
    query: ImportQuery,
    upload: {
      mediaTypes: ['text/csv', XLSX_MEDIA_TYPE],
      description:
        '单位名称, 简称, 单位编码, 类别 and either 姓名/职务/邮箱 (a row per contact) or 负责人/负责人邮箱/联络员/联络员邮箱 (a row per unit); or JSON: the file in base64',
      json: RosterImportRequestBody,
    },
    success: {
      status: 200,
      schema: RosterImportResultSchema,
      description: 'Each unit: created (or would be), already in the roster, or its problems',
    },
  },
  listItems: {
    method: 'GET',
    path: '/items',
    group: 'items',
    summary: 'The ledger (督查台账), filtered; a unit sees only its own items',
    roles: everyone,
    query: ItemListQuery,
    success: { status: 200, schema: page(ItemSchema, 'ItemPage'), description: 'A page of items' },
  },
  getItem: {
    method: 'GET',
    path: '/items/{id}',
    group: 'items',
    summary: 'One item with its current light (and version, for the office and leaders)',
    roles: everyone,
    params: ItemPath,
    success: { status: 200, schema: ItemSchema, description: 'The item' },
  },
  listItemHistory: {
    method: 'GET',
    path: '/items/{id}/history',
    group: 'items',
    summary: "The item's events, oldest first (units and inspectors: without referrals, numbered on their own)",
    roles: everyone,
    params: ItemPath,
    query: PageQuery,
    success: { status: 200, schema: page(HistoryEventSchema, 'HistoryPage'), description: 'A page of events' },
  },
  verifyItemHistory: {
    method: 'GET',
    path: '/items/{id}/history/verify',
    group: 'items',
    summary: "Recomputes the item's hash chain (every event, referrals too) and names each event that does not match",
    roles: ['office', 'leader', 'inspector'],
    params: ItemPath,
    success: { status: 200, schema: HistoryVerificationSchema, description: 'The verdict, with each mismatch' },
  },
  acknowledgeItem: {
    method: 'POST',
    path: '/items/{id}/acknowledge',
    group: 'lifecycle',
    summary: '签收: a responsible unit confirms it received the item',
    roles: ['unit'],
    params: ItemPath,
    idempotent: true,
    success: { status: 200, schema: ItemSchema, description: 'The item, acknowledged' },
  },
  submitReport: {
    method: 'POST',
    path: '/items/{id}/reports',
    group: 'lifecycle',
    summary: '报送: a progress report answering every requirement (不得漏项掉项)',
    roles: ['unit'],
    params: ItemPath,
    body: ReportBody,
    idempotent: true,
    success: { status: 201, schema: ReportSchema, description: 'The report, stamped on time or late' },
  },
  listReports: {
    method: 'GET',
    path: '/items/{id}/reports',
    group: 'lifecycle',
    summary: "The item's reports, newest first",
    roles: everyone,
    params: ItemPath,
    query: PageQuery,
    success: { status: 200, schema: page(ReportSchema, 'ReportPage'), description: 'A page of reports' },
  },
  requestExtension: {
    method: 'POST',
    path: '/items/{id}/extension-requests',
    group: 'lifecycle',
    summary: '延期申请: the lead unit asks for a later deadline',
    roles: ['unit'],
    params: ItemPath,
    body: ExtensionRequestBody,
    idempotent: true,
    success: { status: 201, schema: ExtensionRequestSchema, description: 'The request, pending' },
  },
  listExtensionRequests: {
    method: 'GET',
    path: '/items/{id}/extension-requests',
    group: 'lifecycle',
    summary: "The item's extension requests and decisions, oldest first",
    roles: everyone,
    params: ItemPath,
    success: {
      status: 200,
      schema: z.object({ items: z.array(ExtensionRequestSchema) }).meta({ id: 'ExtensionRequestList' }),
      description: 'All requests',
    },
  },
  decideExtension: {
    method: 'POST',
    path: '/items/{id}/extension-requests/{requestId}/decision',
    group: 'lifecycle',
    summary: 'The office approves (the deadline moves) or rejects an extension request',
    roles: ['office'],
    params: ExtensionPath,
    body: ExtensionDecisionBody,
    idempotent: true,
    success: { status: 200, schema: ExtensionRequestSchema, description: 'The request, decided' },
  },
  claimCompletion: {
    method: 'POST',
    path: '/items/{id}/completion',
    group: 'lifecycle',
    summary: 'The lead unit claims the item done (completion-claimed)',
    roles: ['unit'],
    params: ItemPath,
    body: CompletionBody,
    idempotent: true,
    success: { status: 200, schema: ItemSchema, description: 'The item, awaiting verification' },
  },
  verifyItem: {
    method: 'POST',
    path: '/items/{id}/verification',
    group: 'lifecycle',
    summary: '核查: passed closes the item, failed returns it to in-progress',
    roles: ['office', 'inspector'],
    params: ItemPath,
    body: VerificationBody,
    idempotent: true,
    success: { status: 200, schema: ItemSchema, description: 'The item, closed or reopened' },
  },
  issueNotice: {
    method: 'POST',
    path: '/notices',
    group: 'notices',
    summary: '通报: issue a notice naming units (and items); each named unit owes a rectification within 7 days',
    roles: ['office'],
    body: NoticeBody,
    idempotent: true,
    success: { status: 201, schema: NoticeSchema, description: 'The notice' },
  },
  listNotices: {
    method: 'GET',
    path: '/notices',
    group: 'notices',
    summary: 'Notices, newest first (a unit: those naming it)',
    roles: everyone,
    query: PageQuery,
    success: { status: 200, schema: page(NoticeSchema, 'NoticePage'), description: 'A page of notices' },
  },
  getNotice: {
    method: 'GET',
    path: '/notices/{id}',
    group: 'notices',
    summary: 'One notice, with where each named unit stands on its rectification (a unit: only one naming it, else 404)',
    roles: everyone,
    params: NoticePath,
    success: { status: 200, schema: NoticeSchema, description: 'The notice' },
  },
  submitRectification: {
    method: 'POST',
    path: '/notices/{id}/rectifications',
    group: 'notices',
    summary: '整改报告: a named unit explains itself and states its measures',
    roles: ['unit'],
    params: NoticePath,
    body: RectificationBody,
    idempotent: true,
    success: { status: 201, schema: RectificationSchema, description: 'The rectification, on time or late' },
  },
  listRectifications: {
    method: 'GET',
    path: '/notices/{id}/rectifications',
    group: 'notices',
    summary: 'The rectifications handed in under a notice, every hand-in (a unit: its own only; a notice not naming it: 404)',
    roles: ['office', 'leader', 'unit'],
    params: NoticePath,
    success: { status: 200, schema: z.object({ items: z.array(RectificationSchema) }), description: 'Oldest first per unit' },
  },
  getUnitRectifications: {
    method: 'GET',
    path: '/notices/{id}/rectifications/{unitId}',
    group: 'notices',
    summary: "One named unit's rectifications under a notice (a unit: only its own, else 404)",
    roles: ['office', 'leader', 'unit'],
    params: NoticeUnitPath,
    success: { status: 200, schema: z.object({ items: z.array(RectificationSchema) }), description: 'Every hand-in, oldest first' },
  },
  reviewRectification: {
    method: 'POST',
    path: '/notices/{id}/rectifications/{unitId}/review',
    group: 'notices',
    summary: "审核: accept the unit's latest rectification, or return it (退回重报) with a reason; the week still runs from the notice",
    roles: ['office'],
    params: NoticeUnitPath,
    body: RectificationReviewBody,
    idempotent: true,
    success: { status: 200, schema: RectificationSchema, description: 'The rectification with its review' },
  },
  withdrawNotice: {
    method: 'POST',
    path: '/notices/{id}/withdrawal',
    group: 'notices',
    summary: '撤销通报: a notice issued in error owes nothing and stops counting in the assessment; the named units are told',
    roles: ['office'],
    params: NoticePath,
    body: NoticeWithdrawalBody,
    idempotent: true,
    success: { status: 200, schema: NoticeSchema, description: 'The notice, withdrawn' },
  },
  recordReferral: {
    method: 'POST',
    path: '/referrals',
    group: 'referrals',
    summary: '移送监察机关: record a referral of misconduct clues',
    roles: ['office'],
    body: ReferralBody,
    idempotent: true,
    success: { status: 201, schema: ReferralSchema, description: 'The referral' },
  },
  listReferrals: {
    method: 'GET',
    path: '/referrals',
    group: 'referrals',
    summary: 'Referrals, newest first (confidential: office and leaders)',
    roles: ['office', 'leader'],
    query: PageQuery,
    success: { status: 200, schema: page(ReferralSchema, 'ReferralPage'), description: 'A page of referrals' },
  },
  getLedgerOverview: {
    method: 'GET',
    path: '/reports/overview',
    group: 'statistics',
    summary: '督查台账概览: counts by status, source and light; due this week; on-time rate; units with most red items',
    roles: ['office', 'leader'],
    query: OverviewQuery,
    success: { status: 200, schema: OverviewSchema, description: 'The overview as of the day' },
  },
  getTreeOverview: {
    method: 'GET',
    path: '/reports/tree',
    group: 'statistics',
    summary: "纵向到底: the caller's office and every office below it, as their daily summaries say; red items at every level",
    roles: ['office', 'leader'],
    success: { status: 200, schema: TreeOverviewSchema, description: 'One row per office, and the red items of the tree with their paths' },
  },
  getOfficeToDo: {
    method: 'GET',
    path: '/to-do',
    group: 'statistics',
    summary: '待办: what waits on the office (extensions, claims to verify, rectifications to review, bounced mail, import rows to fix)',
    roles: ['office'],
    success: { status: 200, schema: OfficeToDoSchema, description: 'What waits on the office' },
  },
  getAssessment: {
    method: 'GET',
    path: '/reports/assessment',
    group: 'statistics',
    summary: "年度考核: each unit's figures, score, grade and 优秀 eligibility for a year",
    roles: ['office', 'leader'],
    query: AssessmentQuery,
    success: { status: 200, schema: AssessmentSchema, description: 'Every assessed unit, best score first' },
  },
  // The spreadsheets have a function of their own: the workbook library would triple the statistics' bundle.
  exportLedgerCsv: {
    method: 'GET',
    path: '/reports/ledger.csv',
    group: 'exports',
    summary: '督查台账 as CSV (UTF-8 with BOM), filtered like GET /items',
    roles: ['office', 'leader'],
    query: LedgerExportQuery,
    success: { status: 200, schema: z.string(), contentType: CSV_MEDIA_TYPE, description: 'The ledger, one row per item, Chinese headers' },
  },
  exportLedgerXlsx: {
    method: 'GET',
    path: '/reports/ledger.xlsx',
    group: 'exports',
    summary: `督查台账 as an Excel workbook, filtered like GET /items (send Accept: ${XLSX_MEDIA_TYPE})`,
    roles: ['office', 'leader'],
    query: LedgerExportQuery,
    success: {
      status: 200,
      schema: z.string().meta({ format: 'binary' }),
      contentType: XLSX_MEDIA_TYPE,
      description: 'The ledger: frozen header row, the light as the cell colour',
    },
  },
  exportAssessmentXlsx: {
    method: 'GET',
    path: '/reports/assessment.xlsx',
    group: 'exports',
    summary: `年度考核 as an Excel workbook to file and print: the figures of GET /reports/assessment (send Accept: ${XLSX_MEDIA_TYPE})`,
    roles: ['office', 'leader'],
    query: AssessmentQuery,
    success: {
      status: 200,
      schema: z.string().meta({ format: 'binary' }),
      contentType: XLSX_MEDIA_TYPE,
      description: 'The assessment: the title YYYY年度督查考核, then one row per unit, best score first',
    },
  },
  // --- keeping the ledger true (issue 12): edits with history, never silent -------------------------
  editUnit: {
    method: 'PATCH',
    path: '/units/{unitId}',
    group: 'units',
    summary: "Correct a unit's name, kind or contacts (If-Match: its version); recorded before → after in its history",
    roles: ['office'],
    params: UnitPath,
    body: UnitEditBody,
    idempotent: true,
    ifMatch: true,
    success: { status: 200, schema: UnitSchema, description: 'The unit, one version on (or as it was, when nothing changed)' },
  },
  listUnitHistory: {
    method: 'GET',
    path: '/units/{unitId}/history',
    group: 'units',
    summary: "The unit's recorded changes, oldest first: who, when, each field before → after (a unit: its own only)",
    roles: everyone,
    params: UnitPath,
    query: PageQuery,
    success: { status: 200, schema: page(UnitEventSchema, 'UnitHistoryPage'), description: 'A page of changes' },
  },
  editItem: {
    method: 'PATCH',
    path: '/items/{id}',
    group: 'lifecycle',
    summary:
      'Correct an item (If-Match: its version): title, description, co-units, requirements, milestones, cadence, project flag, 分管领导',
    roles: ['office'],
    params: ItemPath,
    body: ItemEditBody,
    idempotent: true,
    ifMatch: true,
    success: { status: 200, schema: ItemSchema, description: 'The item, one version on (or as it was, when nothing changed)' },
  },
  moveItemDeadline: {
    method: 'POST',
    path: '/items/{id}/deadline',
    group: 'lifecycle',
    summary: '调整完成时限: the office moves the deadline by a decision, recorded like an approved extension (If-Match)',
    roles: ['office'],
    params: ItemPath,
    body: DeadlineMoveBody,
    idempotent: true,
    ifMatch: true,
    success: { status: 200, schema: ItemSchema, description: 'The item with its new deadline' },
  },
  reassignItem: {
    method: 'POST',
    path: '/items/{id}/reassignment',
    group: 'lifecycle',
    summary: '调整牵头单位: a new lead unit, with a reason; the old lead keeps what it did (If-Match)',
    roles: ['office'],
    params: ItemPath,
    body: ReassignmentBody,
    idempotent: true,
    ifMatch: true,
    success: { status: 200, schema: ItemSchema, description: 'The item under its new lead' },
  },
  returnReport: {
    method: 'POST',
    path: '/items/{id}/reports/{reportId}/return',
    group: 'lifecycle',
    summary:
      "退回重报: the office returns a unit's report with its reason (and the content findings it holds); the unit owes a report again within 3 days and is told why",
    roles: ['office'],
    params: ReportPath,
    body: ReportReturnBody,
    idempotent: true,
    success: { status: 200, schema: ItemSchema, description: 'The item, with the report among its returned ones' },
  },
  withdrawItem: {
    method: 'POST',
    path: '/items/{id}/withdrawal',
    group: 'lifecycle',
    summary: '撤销: the item is withdrawn by a decision: terminal, never reminded again, not counted in the assessment (If-Match)',
    roles: ['office'],
    params: ItemPath,
    body: WithdrawalBody,
    idempotent: true,
    ifMatch: true,
    success: { status: 200, schema: ItemSchema, description: 'The item, withdrawn' },
  },
  requestUpload: {
    method: 'POST',
    path: '/attachments',
    group: 'attachments',
    summary: '附件: a presigned PUT for one file (PDF, OFD, DOC/DOCX, XLS/XLSX, JPEG, PNG; 20 MB at most) and its id',
    roles: ['office', 'unit', 'inspector'],
    body: UploadBody,
    success: { status: 201, schema: UploadSchema, description: 'The attachment to come and where to PUT it (type and length signed)' },
  },
  getAttachment: {
    method: 'GET',
    path: '/attachments/{attachmentId}',
    group: 'attachments',
    summary: 'One attachment and a download URL valid for minutes, for those who may read what it is attached to',
    roles: everyone,
    params: AttachmentPath,
    success: { status: 200, schema: AttachmentReadSchema, description: 'The attachment and a presigned GET' },
  },
  getOpenApiDocument: {
    method: 'GET',
    path: '/openapi.json',
    group: 'openapi',
    summary: 'This document',
    roles: 'public',
    success: { status: 200, schema: OpenApiDocumentSchema, description: 'This document, generated from the contract' },
  },
  // 公开曝光 (functions/domain/public-feed.ts): public, read-only, cached by a CDN.
  listPublicNotices: {
    method: 'GET',
    path: '/public/notices',
    group: 'public',
    summary: '公开曝光: government-level notices issued with media exposure, newest first (no sign-in)',
    roles: 'public',
    publicBecause:
      'the notice (rule 2) orders serious cases criticised in the news media: this feed is that publication, read-only, ' +
      'and shows only what domain/public-feed.ts picks field by field (never a referral, clue, copy flag, report or contact)',
    throttle: { rateLimit: 10, burstLimit: 20 },
    query: PublicFeedQuery,
    success: { status: 200, schema: page(PublicNoticeSchema, 'PublicNoticePage'), description: 'A page of public notices' },
  },
  getPublicNoticesAtom: {
    method: 'GET',
    path: '/public/notices.atom',
    group: 'public',
    summary:
      "公开曝光 as an Atom feed (RFC 4287) for the city's news site: the 50 newest, and older pages by the `next` link (RFC 5005); " +
      'ids and links from the configured public base URL, never from the request',
    roles: 'public',
    publicBecause:
      "the notice (rule 2) orders serious cases criticised in the news media: this is that publication for the city's news site, " +
      'read-only, with only what domain/public-feed.ts picks field by field',
    throttle: { rateLimit: 10, burstLimit: 20 },
    query: PublicAtomQuery,
    success: { status: 200, schema: z.string(), contentType: ATOM_MEDIA_TYPE, description: 'The Atom feed' },
  },
  // The working-day calendar (functions/domain/working-days.ts).
  getCalendarYear: {
    method: 'GET',
    path: '/calendar/{year}',
    group: 'calendar',
    summary: "A year's statutory holidays and 调休 makeup days as working-day deadlines count them, and whose arrangement it is",
    roles: everyone,
    params: CalendarYearPath,
    success: { status: 200, schema: CalendarYearSchema, description: 'The year' },
  },
  enterCalendarYear: {
    method: 'PUT',
    path: '/calendar/{year}',
    group: 'calendar',
    summary: "The office enters a year's holidays and makeup days (each December, for the next year); replaces the package's",
    roles: ['office'],
    params: CalendarYearPath,
    body: CalendarYearBody,
    success: { status: 200, schema: CalendarYearSchema, description: 'The year, as entered' },
  },
  // 一事一档 (helper d): the item's whole file for the archive.
  exportItemDossier: {
    method: 'GET',
    path: '/items/{id}/dossier.zip',
    group: 'dossiers',
    summary:
      '一事一档: the item’s ledger row, history (JSON and a timeline in Chinese), reports, extension requests, completion ' +
      'claims and 核查, every attached file, and a manifest with the SHA-256 of each, as one zip',
    roles: ['office', 'leader'],
    params: ItemPath,
    success: {
      status: 200,
      schema: z.string().meta({ format: 'binary' }),
      contentType: ZIP_MEDIA_TYPE,
      description: 'The archive, when it fits in one response (about 4 MB)',
    },
    redirect: {
      status: 303,
      schema: DossierLocationSchema,
      description: 'A bigger archive, written to the attachments bucket: Location is a presigned GET valid 5 minutes',
    },
  },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof contract;

/**
 * The refusals an operation may answer, all as `{ error: { code, message, details? } }`
 * (problems.ts, and API Gateway's own in lib/http-api.ts). Any route may be
 * throttled (429) or refused by the firewall (403); any route that reads the ledger may find it too busy
 * or a change too contended (503 with Retry-After: nothing written, send the same request again).
 */
export function errorStatuses(op: Operation): number[] {
  // A public route with a query refuses a bad limit or cursor (400), and a feed of an office no one registered (404).
  if (op.roles === 'public') return op.query ? [400, 403, 404, 429] : [403, 429];
  return [400, 401, 403, 404, ...(op.method !== 'GET' ? [409, 413, 415, 422] : []), ...(op.ifMatch ? [412, 428] : []), 429, 503].sort(
    (a, b) => a - b,
  );
}

/** The handler groups, one Lambda function each: whatever groups the contract names. */
export type RouteGroup = (typeof contract)[OperationId]['group'];
