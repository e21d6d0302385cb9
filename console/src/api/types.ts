/** Names for the contract's schemas (generated into schema.d.ts from the API's own zod schemas). */
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

export type Office = Schemas['Office'];
export type OfficeTree = Schemas['OfficeTree'];
export type Unit = Schemas['Unit'];
/** 登记单位 as sent: the 单位编码 (`id`) may be left to the API, which numbers the unit. */
export type UnitRegistration = Schemas['UnitRegistration'];
export type Item = Schemas['Item'];
export type ItemRegistration = Schemas['ItemRegistration'];
export type Milestone = Schemas['Milestone'];
export type HistoryEvent = Schemas['HistoryEvent'];
export type Report = Schemas['Report'];
export type ReportSubmission = Schemas['ReportSubmission'];
export type ExtensionRequest = Schemas['ExtensionRequest'];
export type Notice = Schemas['Notice'];
export type NoticeIssue = Schemas['NoticeIssue'];
export type RectificationSubmission = Schemas['RectificationSubmission'];
/** 审核: accepted, or returned with its reason (the contract's discriminated union). */
export type RectificationReview = Schemas['RectificationReview'];
export type Referral = Schemas['Referral'];
export type ReferralSubmission = Schemas['ReferralSubmission'];
export type Overview = Schemas['Overview'];
export type Assessment = Schemas['Assessment'];
export type AssessedUnit = Assessment['units'][number];
export type Verification = Schemas['Verification'];

export type Source = Item['source'];
export type ItemStatus = Item['status'];
export type Light = Item['light'];
export type UnitKind = Unit['kind'];
export type VerificationMethod = Verification['method'];
export type NoticeLevel = Notice['level'];
export type Role = HistoryEvent['actor']['role'];
export type Grade = AssessedUnit['grade'];

/** The ledger's filters, as GET /items and the spreadsheet exports take them. */
export type ItemListQuery = NonNullable<paths['/items']['get']['parameters']['query']>;
export type LedgerFilters = Omit<ItemListQuery, 'limit' | 'cursor'>;

// Working days, the calendar, mail topics (issues 13 and 14).
export type DueRule = Schemas['DueRule'];
export type CalendarYear = Schemas['CalendarYear'];
export type CalendarYearEntry = Schemas['CalendarYearEntry'];
export type Contact = Schemas['Contact'];
export type MailTopic = Schemas['MailTopic'];
