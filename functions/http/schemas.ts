import * as z from 'zod';
import { grades } from '../domain/assessment';
import { isCalendarDate } from '../domain/calendar';
import { roles } from '../domain/caller';
import { extensionStatuses } from '../domain/extensions';
import { itemStatuses, sources, verificationMethods } from '../domain/items';
import { isOfficeId, OFFICE_SLUG, ROOT_OFFICE } from '../domain/offices';
import {
  contactRoleLabels,
  deliveryStateLabels,
  extensionStatusLabels,
  historyEventLabels,
  lightLabels,
  noticeLevelLabels,
  obligationStatusLabels,
  rectificationDecisionLabels,
  roleLabels,
  sourceLabels,
  statusLabels,
  unitKindLabels,
  verificationMethodLabels,
  mailTopicLabels,
  qualityKindLabels,
} from '../domain/labels';
import { qualityKinds } from '../domain/report-quality';
import { ledgerFields } from '../domain/ledger-fields';
import { XLSX_MEDIA_TYPE } from './media-types';
import { lights } from '../domain/light';
import { noticeLevels, rectificationDecisions } from '../domain/notices';
import { attachmentMediaTypes, MAX_ATTACHMENT_BYTES } from '../domain/attachments';
import { contactRoles, mailTopics, unitKinds } from '../domain/units';
import { isWellFormed, textProblem, typedTextPattern } from '../domain/text';
import type { MessageKey } from '../messages/message';

/**
 * Every input is checked here, at the edge, before any use case runs. Objects
 * are strict (an unknown field is an error, not silently dropped) and every
 * string has a sane bound. The same schemas generate /openapi.json. A rule of
 * a schema's own says which message of the catalogue explains it (its key),
 * so the answer can say it in the caller's language (validation.ts).
 */
function typedText(value: string, ctx: z.core.$RefinementCtx<string>, oneLine: boolean) {
  const problem = textProblem(value, oneLine);
  if (!problem) return;
  const { key, ...params } = problem;
  ctx.addIssue({ code: 'custom', message: key satisfies MessageKey, params, input: value });
}

/**
 * At most `max` characters, counted as /openapi.json's maxLength counts them (JSON Schema: code points), so
 * an emoji or a character of CJK Extension B (𠀀) is one character, as a person counts it, not two UTF-16 units.
 */
function atMost(max: number) {
  return (value: string, ctx: z.core.$RefinementCtx<string>) => {
    let count = 0;
    for (const _ of value) if (++count > max) break;
    if (count > max) ctx.addIssue({ code: 'too_big', origin: 'string', maximum: max, inclusive: true, input: value });
  };
}

/** A string of at most `max` characters (code points), its bound published as maxLength. */
const chars = (max: number) => z.string().superRefine(atMost(max)).meta({ maxLength: max });

const MULTI_LINE_PATTERN = typedTextPattern(false);
const ONE_LINE_PATTERN = typedTextPattern(true);

/**
 * Text a person typed, on as many lines as they like (a report, a reason):
 * no lone surrogates, no control characters but TAB and line breaks, not only
 * invisible characters (domain/text.ts). Every text field of the API is made
 * with this, `line` or `optionalText`, so none is missed. The rules are published
 * as the field's pattern (typedTextPattern); the checks here name what is wrong.
 * `required` is the message for a text missing or empty, where the field has its own words for it.
 */
const text = (max: number, required?: MessageKey) =>
  z
    .string(required ? { error: (issue) => (issue.input === undefined ? required : undefined) } : undefined)
    .trim()
    .min(1, required)
    .superRefine(atMost(max))
    .superRefine((value, ctx) => typedText(value, ctx, false))
    .meta({ minLength: 1, maxLength: max, pattern: MULTI_LINE_PATTERN });

/** A text that may be left empty (a description, the difficulties met); if given, held to the same rules. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .superRefine(atMost(max))
    .superRefine((value, ctx) => typedText(value, ctx, false))
    .meta({ maxLength: max, pattern: `^(?:${MULTI_LINE_PATTERN.slice(1, -1)})?$` });

/**
 * A title or a name: one line. It heads emails, fills a cell of the ledger
 * and a line of the digest, where a line break would split it (and TAB is no text there).
 */
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .superRefine(atMost(max))
    .superRefine((value, ctx) => typedText(value, ctx, true))
    .meta({ minLength: 1, maxLength: max, pattern: ONE_LINE_PATTERN });

/**
 * An enum of the API, one component of /openapi.json, each code explained by
 * its Chinese name from the domain's labels (domain/labels.ts).
 */
function coded<const T extends string>(id: string, about: string, values: readonly [T, ...T[]], labels: Record<T, string>) {
  return z.enum(values).meta({ id, description: `${about}:\n${values.map((v) => `- \`${v}\`: ${labels[v]}`).join('\n')}` });
}
const keysOf = <T extends string>(labels: Record<T, string>) => Object.keys(labels) as [T, ...T[]];

const SourceCode = coded('Source', "Where the item comes from (来源), the notice's tasks", sources, sourceLabels);
const ItemStatusCode = coded('ItemStatus', "The item's status (办理状态)", itemStatuses, statusLabels);
const LightCode = coded('Light', '红黄绿灯: green on track, yellow due soon or a report late, red overdue', lights, lightLabels);
const RoleCode = coded('Role', 'Who acts (角色)', roles, roleLabels);
const UnitKindCode = coded('UnitKind', 'The kind of unit (单位类别)', unitKinds, unitKindLabels);
const MailTopicCode = coded('MailTopic', 'What the platform emails about (a contact may choose)', mailTopics, mailTopicLabels);
const ContactRoleCode = coded('ContactRole', "A contact's place in the unit", contactRoles, contactRoleLabels);
const VerificationMethodCode = coded('VerificationMethod', 'How it was checked (核查)', verificationMethods, verificationMethodLabels);
const NoticeLevelCode = coded('NoticeLevel', "The notice's level (通报级别)", noticeLevels, noticeLevelLabels);
const QualityKindCode = coded('QualityKind', "A report's content against the notice's rules (报送内容)", qualityKinds, qualityKindLabels);
const ExtensionStatusCode = coded('ExtensionStatus', 'An extension request (延期申请)', extensionStatuses, extensionStatusLabels);
const RectificationStatusCode = coded(
  'RectificationStatus',
  'A rectification (整改)',
  keysOf(obligationStatusLabels),
  obligationStatusLabels,
);
const RectificationDecisionCode = coded(
  'RectificationDecision',
  "The office's review of a rectification (审核)",
  rectificationDecisions,
  rectificationDecisionLabels,
);
const HistoryEventTypeCode = coded('HistoryEventType', 'What happened to the item', keysOf(historyEventLabels), historyEventLabels);

/**
 * The days the platform speaks of, as the assessed years (2000–2100): a
 * date far outside is a typo, and 9999-12-31 would run the calendar's
 * arithmetic past the years a Date can print.
 */
export const FIRST_DATE = '2000-01-01';
export const LAST_DATE = '2100-12-31';

export const CalendarDateSchema = z
  .string()
  .refine(isCalendarDate, { message: 'schema.calendar-date' satisfies MessageKey, abort: true })
  .refine((date) => date >= FIRST_DATE && date <= LAST_DATE, { message: 'schema.date-range' satisfies MessageKey })
  .meta({
    description: `A calendar date in Asia/Shanghai, ${FIRST_DATE} to ${LAST_DATE}`,
    example: '2026-12-31',
    format: 'date',
    // The range as the document can say it: a year of 2000–2100, a month, a day of 01–31 (`date` rules out 02-30).
    pattern: `^(?:20[0-9]{2}|2100)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$`,
  });

/**
 * A deadline as a date, or as working days counted by China's calendar (weekends and statutory holidays off,
 * 调休 makeup days on): the answer stores the date it gives and `dueRule`, how it was derived.
 */
export const DueInputSchema = z
  .union([
    CalendarDateSchema,
    z.strictObject({ workingDays: z.number().int().min(1).max(250) }).meta({
      id: 'WorkingDays',
      description: 'Working days (工作日), counted from the day after the registration (or the current deadline)',
    }),
  ])
  .meta({ description: 'A date, or `{"workingDays": N}`', example: '2026-12-31' });

/** How a deadline in working days was derived, and in words (`explanation`, in the language of the request). */
export const DueRuleSchema = z
  .object({
    workingDays: z.number().int(),
    from: CalendarDateSchema,
    skipped: z.array(z.object({ name: z.string(), first: CalendarDateSchema, last: CalendarDateSchema })),
    makeupDays: z.array(CalendarDateSchema).meta({ description: '调休: weekend days worked, counted as working days' }),
    source: z.enum(['chinese-days', 'office']).meta({ description: "Whose arrangement decided: the package's or the office's entry" }),
    explanation: z.string().meta({ example: '5 working days from 2026-09-30: skipped 国庆节 10-01…10-07, counted 10-10 (调休)' }),
  })
  .meta({ id: 'DueRule' });

/**
 * An amount kept to two decimals (a percentage, yuan to the fen). Also what
 * DynamoDB can store: it refuses a number below 1e-130 ("Number underflow"),
 * and 1e-200 is no one's progress.
 */
const hundredths = (min: number, max: number) =>
  z
    .number()
    .min(min)
    .max(max)
    .refine((n) => Number(n.toFixed(2)) === n, { message: 'schema.hundredths' satisfies MessageKey })
    .meta({ multipleOf: 0.01 });

export const UnitId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'schema.unit-id' satisfies MessageKey)
  .meta({ example: 'hanbin-district' });

/** 督查机构: the root (`root`) or the path of slugs below it (`hanbin`, `hanbin/guanmiao`). */
export const OfficeId = z
  .string()
  .regex(/^(?:root|[a-z][a-z0-9-]{1,31}(?:\/[a-z][a-z0-9-]{1,31}){0,2})$/, 'schema.office-slug' satisfies MessageKey)
  .refine(isOfficeId, { message: 'schema.office-slug' satisfies MessageKey })
  .meta({ example: 'hanbin' });

/** X-Ducha-Office (http/caller-office.ts): another office of the tree to enter; absent, the caller's own. */
export const OfficeHeader = OfficeId.optional().meta({
  description:
    "Another office to enter: one below the caller's, to read (office, leaders, inspectors; GET only); the one directly above, for an office's clerk, acting there as the unit its government is. Absent: the caller's own office",
});

export const OfficeRegistrationBody = z
  .strictObject({
    slug: z
      .string()
      .regex(OFFICE_SLUG, 'schema.office-slug' satisfies MessageKey)
      .refine((s) => s !== ROOT_OFFICE, { message: 'schema.office-slug' satisfies MessageKey })
      .meta({ description: "The office's id under its parent: 汉滨区政府督查室 → hanbin (its id is then the path, hanbin)" }),
    name: line(100).meta({ example: '汉滨区政府督查室' }),
    unitId: UnitId.meta({ description: "The government it works for, a unit of the registering office's roster (汉滨区人民政府)" }),
    noticeNumberPrefix: line(20).meta({ description: 'The 文号 prefix of its notices, its own (汉滨政督通)', example: '汉滨政督通' }),
  })
  .meta({ id: 'OfficeRegistration' });

export const OfficeSchema = z
  .strictObject({
    id: OfficeId,
    name: z.string(),
    parentId: OfficeId.optional(),
    unitId: UnitId.optional().meta({ description: "The unit of the parent's roster it works for (none for the root)" }),
    noticeNumberPrefix: z.string().optional(),
    registeredAt: z.iso.datetime(),
  })
  .meta({ id: 'Office' });

export const OfficeTreeSchema = z
  .strictObject({
    office: OfficeSchema.meta({ description: "The caller's office" }),
    path: z.array(OfficeSchema).meta({ description: "From the root down to the caller's office: the breadcrumb 市 → 县" }),
    below: z.array(OfficeSchema).meta({ description: "Every office in the caller's subtree, parents before children" }),
  })
  .meta({ id: 'OfficeTree' });

export const ItemId = chars(64).min(1).meta({ minLength: 1 });

/** A leader's id in the roster (a person of a `leadership` unit): lowercase letters, digits and hyphens. */
export const LeaderId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'schema.unit-id' satisfies MessageKey)
  .meta({ example: 'vice-mayor-wang' });

/**
 * An Idempotency-Key as the IETF draft and the big APIs take it: any 1–255
 * printable ASCII characters (a UUID, an order number, a hash), spaces only
 * inside, since HTTP drops them at either end.
 */
export const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7E](?:[\x20-\x7E]{0,253}[\x21-\x7E])?$/, 'schema.idempotency-key' satisfies MessageKey)
  .meta({ description: 'A retry with the same key returns the first answer and creates nothing new', example: '2026-item-0001' });

/** The version an edit was made against: as an ETag ("3", W/"3") or the bare number. */
export const IfMatchHeader = z
  .string()
  .regex(/^(?:W\/)?"?[0-9]{1,9}"?$/, 'precondition.if-match-malformed' satisfies MessageKey)
  .transform((value) => Number(value.replace(/^W\//, '').replaceAll('"', '')))
  .meta({ description: "The item's (or unit's) `version` as read: the edit is refused (412) if it has moved since", example: '"3"' });

export const ContactSchema = z
  .strictObject({
    name: line(50),
    // zod's own address rule, published: `format: email` alone would allow 0@com, quoted names and IP literals.
    email: z.email().max(254).meta({ pattern: z.regexes.email.source }),
    role: ContactRoleCode,
    leaderId: LeaderId.optional().meta({
      description: '分管领导: only for a person of a unit of kind leadership; items name it as leaderInCharge, their token carries it',
    }),
    receives: z
      .array(MailTopicCode)
      .max(mailTopics.length)
      .refine((t) => new Set(t).size === t.length, { message: 'schema.topics-repeated' satisfies MessageKey })
      .meta({ uniqueItems: true })
      .optional()
      .meta({ description: 'The topics this contact is emailed about; absent: every topic (the head may keep only `notice`)' }),
  })
  .meta({ id: 'Contact' });

export const UnitRegistrationBody = z
  .strictObject({
    id: UnitId.optional().meta({
      description: '单位编码, fixed once registered; left out, the API numbers the unit (0001, 0002…)',
    }),
    name: line(100),
    shortName: line(30).optional().meta({ description: '简称: the name people write (市发改委); an import matches it exactly' }),
    aliases: z
      .array(line(100))
      .max(20)
      .refine((a) => new Set(a).size === a.length, { message: 'schema.aliases-repeated' satisfies MessageKey })
      .meta({ uniqueItems: true, description: 'Other names it answers to in an import (汉滨区政府); a name answers for one unit' })
      .optional(),
    kind: UnitKindCode,
    contacts: z.array(ContactSchema).max(20).default([]),
  })
  .meta({ id: 'UnitRegistration' });

export const UnitEditBody = z
  .strictObject({
    name: UnitRegistrationBody.shape.name.optional(),
    shortName: line(30).nullable().optional().meta({ description: '简称; null clears it' }),
    aliases: UnitRegistrationBody.shape.aliases,
    kind: UnitKindCode.optional(),
    contacts: UnitRegistrationBody.shape.contacts.unwrap().optional(),
  })
  .refine((edit) => Object.keys(edit).length > 0, { message: 'schema.edit-empty' satisfies MessageKey })
  .meta({ id: 'UnitEdit', minProperties: 1 });

export const UnitEventSchema = z
  .object({
    seq: z.number().int().meta({ description: 'The unit version the change made' }),
    type: z.literal('unit.edited'),
    actor: z.object({ sub: z.string(), role: RoleCode, unitId: UnitId.optional() }),
    at: z.iso.datetime(),
    data: z.object({ changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })) }),
  })
  .meta({ id: 'UnitEvent' });

/** A contact as the API shows it: as registered, and whether mail to it bounced for good (delivery receipts). */
export const ContactViewSchema = ContactSchema.extend({
  undeliverable: z
    .boolean()
    .meta({ description: '无法送达: mail to this address bounced for good; nothing is sent to it until a new address' }),
  undeliverableSince: z.iso.datetime().optional().meta({ description: 'When the hard bounce came' }),
}).meta({ id: 'ContactView' });

export const UnitSchema = UnitRegistrationBody.extend({
  id: UnitId,
  contacts: z.array(ContactViewSchema).optional().meta({
    description: "Omitted for a unit's token reading another unit: a unit sees whom it works with, not their addresses",
  }),
  registeredAt: z.iso.datetime(),
  updatedAt: z.iso.datetime().optional(),
  version: z.number().int().meta({ description: 'Send it as If-Match to edit the unit' }),
}).meta({ id: 'Unit' });

export const MilestoneSchema = z.strictObject({ title: line(200), dueDate: CalendarDateSchema }).meta({ id: 'Milestone' });

export const ItemRegistrationBody = z
  .strictObject({
    title: line(200),
    description: optionalText(4000).default(''),
    source: SourceCode,
    sourceRef: line(100).meta({ description: 'The source document number, e.g. 安政办发〔2014〕134号' }),
    leadUnit: UnitId,
    coUnits: z
      .array(UnitId)
      .max(20)
      .default([])
      .refine((ids) => new Set(ids).size === ids.length, { message: 'schema.units-repeated' satisfies MessageKey })
      .meta({ uniqueItems: true }),
    dueDate: DueInputSchema,
    requirements: z
      .array(text(1000))
      .min(1)
      .max(30)
      .refine((r) => new Set(r).size === r.length, { message: 'schema.requirements-repeated' satisfies MessageKey })
      .meta({
        uniqueItems: true,
        description:
          '督办要求: the points every progress report must answer (distinct once trimmed: two that differ only in leading or trailing spaces are one)',
      }),
    projectType: z.boolean().default(false),
    reportEveryDays: z.number().int().min(1).max(90).optional(),
    milestones: z.array(MilestoneSchema).max(24).default([]),
    leaderInCharge: LeaderId.optional().meta({ description: '分管领导: a leaderId of the roster' }),
  })
  .meta({ id: 'ItemRegistration' });

const reg = ItemRegistrationBody.shape;

/**
 * `PATCH /items/{id}`: the fields to change, each optional; `null` clears an optional one. The deadline is
 * not here (it moves by an extension or POST /items/{id}/deadline), nor the lead (POST /items/{id}/reassignment).
 */
export const ItemEditBody = z
  .strictObject({
    title: reg.title.optional(),
    description: optionalText(4000).optional(),
    coUnits: reg.coUnits.unwrap().optional(),
    requirements: reg.requirements.optional(),
    milestones: reg.milestones.unwrap().optional(),
    reportEveryDays: reg.reportEveryDays.unwrap().nullable().optional(),
    projectType: z.boolean().optional(),
    leaderInCharge: LeaderId.nullable().optional(),
  })
  .refine((edit) => Object.keys(edit).length > 0, { message: 'schema.edit-empty' satisfies MessageKey })
  .meta({ id: 'ItemEdit', minProperties: 1 });

export const DeadlineMoveBody = z
  .strictObject({
    dueDate: CalendarDateSchema,
    reason: text(2000),
    decision: line(200).meta({ description: 'The decision that moved it (文件, 会议纪要, 领导批示), e.g. 市政府常务会议纪要〔2026〕30号' }),
  })
  .meta({ id: 'DeadlineMove' });

export const ReassignmentBody = z.strictObject({ leadUnit: UnitId, reason: text(2000) }).meta({ id: 'Reassignment' });

export const WithdrawalBody = z
  .strictObject({ reason: text(2000), decision: line(200).meta({ description: 'The decision that withdrew it (撤销)' }) })
  .meta({ id: 'Withdrawal' });

export const CopyFlagSchema = z
  .object({ reportId: z.string().optional(), possibleCopyOf: z.string(), similarity: z.number() })
  .meta({ id: 'CopyFlag', description: '纸面销号 check: this text is near-identical to an earlier report (office only)' });

export const ItemSchema = z
  .object({
    id: ItemId,
    title: z.string(),
    description: z.string(),
    source: SourceCode,
    sourceRef: z.string(),
    leadUnit: UnitId,
    coUnits: z.array(UnitId),
    dueDate: CalendarDateSchema,
    dueRule: DueRuleSchema.optional().meta({ description: 'Present when the deadline was given in working days' }),
    requirements: z.array(z.string()),
    projectType: z.boolean(),
    reportEveryDays: z.number().int().optional(),
    milestones: z.array(MilestoneSchema),
    leaderInCharge: LeaderId.optional().meta({ description: '分管领导: a leaderId of the roster' }),
    status: ItemStatusCode,
    nextReportDue: CalendarDateSchema.optional(),
    imported: z.literal(true).optional().meta({ description: '导入: brought in from an existing ledger (its deadline may predate it)' }),
    importedOn: CalendarDateSchema.optional().meta({ description: 'The day it was imported: a deadline before it is never counted late' }),
    note: z.string().optional().meta({ description: '备注 of the imported ledger' }),
    progress: z
      .object({ text: z.string(), asOf: CalendarDateSchema })
      .optional()
      .meta({ description: '进展情况 of the imported ledger, as of the file’s date: the office’s record, not a report of the unit' }),
    dueWords: z.string().optional().meta({ description: '完成时限 as the imported ledger wrote it (2026年12月底前, 长期坚持)' }),
    standing: z
      .literal(true)
      .optional()
      .meta({ description: '长期坚持 / 常态化: reviewed every reportEveryDays, assessed at its dueDate (the year’s end)' }),
    importedClosedOn: CalendarDateSchema.optional().meta({ description: 'Imported as 已办结 on this day' }),
    parent: z
      .object({ office: OfficeId, itemId: ItemId })
      .optional()
      .meta({ description: '分解下达: the item of the office above this one was made of (GET /items/{id}/cascade there shows this one)' }),
    registeredAt: z.iso.datetime(),
    updatedAt: z.iso.datetime().optional().meta({
      description: 'The last change, referrals too: office and leaders only, like the version',
    }),
    version: z.number().int().optional().meta({
      description: 'Counts every change, referrals too: office and leaders only, so its jumps do not show a hidden event',
    }),
    light: LightCode,
    lightReason: z.string().meta({
      description: 'Why the light is red, yellow or green, with its dates (完成时限2026年11月25日已过4天；应于…报送办理情况，未报送)',
    }),
    acknowledgements: z.array(z.object({ unitId: UnitId, at: z.iso.datetime() })),
    percentComplete: z.number().optional(),
    progressByUnit: z.record(UnitId, z.number()).meta({
      description: "Each responsible unit's latest reported percentComplete: a unit reporting less must explain its difficulties",
    }),
    lastReportAt: z.iso.datetime().optional(),
    leadReportedAt: z.iso
      .datetime()
      .optional()
      .meta({ description: "The lead unit's latest report: a claim after a failed 核查 needs one since" }),
    pendingExtension: z.string().optional(),
    completionClaimedOn: CalendarDateSchema.optional().meta({
      description: 'When the lead unit last claimed completion; judged against dueDate when the item closes',
    }),
    lastVerification: z
      .object({ method: VerificationMethodCode, passed: z.boolean(), findings: z.string(), at: z.iso.datetime() })
      .optional(),
    copyFlags: z.array(CopyFlagSchema).optional().meta({ description: 'Office, leaders and inspectors only' }),
    returnedReports: z
      .array(
        z
          .object({
            reportId: z.string(),
            unitId: UnitId,
            at: z.iso.datetime(),
            reason: z.string(),
            reportAgainBy: CalendarDateSchema.meta({ description: 'The date the unit reports again by' }),
          })
          .meta({ id: 'ReturnedReport' }),
      )
      .optional()
      .meta({ description: '退回重报: the reports the office returned, oldest first' }),
    reportFindings: z
      .array(QualityKindCode)
      .optional()
      .meta({ description: "What the notice's content rules found in the latest report, by kind; absent when nothing" }),
  })
  .meta({ id: 'Item' });

/** The attachments a report or rectification names (ids from POST /attachments). */
export const AttachmentIds = z
  .array(z.uuid())
  .max(10)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'schema.items-repeated' satisfies MessageKey })
  .meta({ uniqueItems: true })
  .optional()
  .meta({ description: 'Attachments (附件) uploaded with POST /attachments: the caller’s own, checked after upload' });

/** Requirement indices run 0–99: the answers' index bound, wider than any item's list (30 at most). */
const MAX_REQUIREMENTS = 100;

export const ReportBody = z
  .strictObject({
    attachmentIds: AttachmentIds,
    summary: text(4000),
    percentComplete: hundredths(0, 100),
    answers: z
      .array(
        z.strictObject({
          requirement: z
            .number()
            .int()
            .min(0)
            .max(MAX_REQUIREMENTS - 1),
          answer: text(4000),
        }),
      )
      .max(30)
      .refine((a) => new Set(a.map((x) => x.requirement)).size === a.length, { message: 'schema.answers-repeated' satisfies MessageKey })
      .meta({
        description: 'One answer per requirement of the item, by its index (不得漏项掉项); at most one per index',
        // JSON Schema has no "unique by a field": at most one answer contains each index.
        allOf: Array.from({ length: MAX_REQUIREMENTS }, (_, i) => ({
          contains: { properties: { requirement: { const: i } } },
          minContains: 0,
          maxContains: 1,
        })),
      }),
    investmentYuan: hundredths(0, 1e13).optional().meta({ description: 'Invested so far, in yuan (project-type items)' }),
    workVolume: text(500).optional().meta({ description: 'Work volume completed (project-type items)' }),
    difficulties: optionalText(4000).optional().meta({ description: 'Required when percentComplete falls below the previous report' }),
  })
  .meta({ id: 'ReportSubmission' });

export const ReportSchema = z
  .object({
    attachmentIds: z.array(z.string()).optional(),
    id: z.string(),
    itemId: ItemId,
    unitId: UnitId,
    submittedBy: z.string(),
    submittedAt: z.iso.datetime(),
    summary: z.string(),
    percentComplete: z.number(),
    answers: z.array(z.object({ requirement: z.number().int(), answer: z.string() })),
    investmentYuan: z.number().optional(),
    workVolume: z.string().optional(),
    difficulties: z.string().optional(),
    dueBy: CalendarDateSchema.optional().meta({ description: 'The report date it answered (cadence or milestone)' }),
    onTime: z.boolean(),
    possibleCopyOf: CopyFlagSchema.optional(),
    findings: z
      .array(
        z
          .object({
            kind: QualityKindCode,
            where: z
              .union([z.number().int(), z.literal('summary')])
              .meta({ description: "The answer's requirement index, or the summary" }),
            words: z
              .array(z.string())
              .meta({ description: 'What caused it, as written (for 答非所问: the words of the requirement it lacks)' }),
          })
          .meta({ id: 'QualityFinding' }),
      )
      .optional()
      .meta({
        description:
          "报送内容: what the notice's rules against empty words, excuses and answers beside the point found; warnings for the office to judge",
      }),
  })
  .meta({ id: 'Report' });

export const CompletionBody = z.strictObject({ summary: text(4000), attachmentIds: AttachmentIds }).meta({ id: 'CompletionClaim' });

export const VerificationBody = z
  .strictObject({
    method: VerificationMethodCode,
    passed: z.boolean(),
    findings: text(4000),
    attachmentIds: AttachmentIds.meta({ description: '核查 photos and documents uploaded with POST /attachments' }),
  })
  .meta({ id: 'Verification' });

export const ExtensionRequestBody = z
  .strictObject({
    newDueDate: DueInputSchema.meta({ description: 'A date, or `{"workingDays": N}` counted on from the current deadline' }),
    reason: text(2000),
  })
  .meta({ id: 'ExtensionRequestSubmission' });

export const ExtensionDecisionBody = z.strictObject({ approve: z.boolean(), note: text(2000) }).meta({ id: 'ExtensionDecision' });

export const ExtensionRequestSchema = z
  .object({
    id: z.string(),
    itemId: ItemId,
    unitId: UnitId,
    currentDueDate: CalendarDateSchema,
    newDueDate: CalendarDateSchema,
    newDueRule: DueRuleSchema.optional(),
    reason: z.string(),
    status: ExtensionStatusCode,
    requestedBy: z.string(),
    requestedAt: z.iso.datetime(),
    decidedBy: z.string().optional(),
    decidedAt: z.iso.datetime().optional(),
    note: z.string().optional(),
  })
  .meta({ id: 'ExtensionRequest' });

export const ExtensionPath = z.strictObject({ id: ItemId, requestId: z.string().min(1).max(64) });

export const ReportPath = z.strictObject({ id: ItemId, reportId: z.string().min(1).max(64) });

export const ReportReturnBody = z
  .strictObject({ reason: text(2000).meta({ description: '退回理由: what the unit must put right, in the office’s words' }) })
  .meta({ id: 'ReportReturn' });

export const NoticeBody = z
  .strictObject({
    level: NoticeLevelCode,
    unitIds: z
      .array(UnitId)
      .min(1)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'schema.units-repeated' satisfies MessageKey })
      .meta({ uniqueItems: true }),
    itemIds: z
      .array(ItemId)
      .max(100)
      .default([])
      .refine((ids) => new Set(ids).size === ids.length, { message: 'schema.items-repeated' satisfies MessageKey })
      .meta({ uniqueItems: true }),
    reason: text(4000),
    mediaExposure: z.boolean().default(false),
  })
  .meta({ id: 'NoticeIssue' });

const DeliveryStateCode = coded(
  'DeliveryState',
  "送达: the notice's mail to a unit — delivered (any email), bounced (every email, for good), pending (no receipt yet)",
  keysOf(deliveryStateLabels),
  deliveryStateLabels,
);

export const NoticeSchema = z
  .object({
    id: z.string(),
    documentNumber: z.string().optional().meta({
      description: '文号: NOTICE_NUMBER_PREFIX, the year and its sequence, e.g. 安督通〔2026〕12号 (notices before numbering have none)',
    }),
    level: NoticeLevelCode,
    unitIds: z.array(UnitId),
    itemIds: z.array(ItemId),
    reason: z.string(),
    mediaExposure: z.boolean(),
    issuedAt: z.iso.datetime(),
    issuedBy: z.object({ sub: z.string(), role: RoleCode }),
    rectificationDue: CalendarDateSchema,
    escalates: z.array(z.string()).optional(),
    referralSuggested: z.array(UnitId).optional().meta({ description: 'Proposed for 移送监察机关: office and leaders only' }),
    rectifications: z
      .array(
        z.object({
          unitId: UnitId,
          due: CalendarDateSchema,
          status: RectificationStatusCode,
          submittedAt: z.iso.datetime().optional(),
          onTime: z.boolean().optional(),
          review: RectificationDecisionCode.optional(),
          submissions: z.int().min(1).optional().meta({ description: 'Hand-ins so far (more than one after 退回重报)' }),
        }),
      )
      .optional(),
    withdrawn: z
      .object({ at: z.iso.datetime(), by: z.object({ sub: z.string(), role: RoleCode }), reason: z.string() })
      .optional()
      .meta({ description: '撤销: the notice no longer stands, owes nothing and counts for nothing' }),
    delivery: z
      .array(z.object({ unitId: UnitId, state: DeliveryStateCode, at: z.iso.datetime().optional() }))
      .optional()
      .meta({ description: '送达: per named unit, whether the notice reached it (a unit: only itself); absent in lists' }),
  })
  .meta({ id: 'Notice' });

export const RectificationBody = z
  .strictObject({ explanation: text(4000), measures: text(4000), report: text(20000), attachmentIds: AttachmentIds })
  .meta({ id: 'RectificationSubmission', description: '整改报告: why it happened, the measures taken, and the written report' });

export const RectificationSchema = RectificationBody.extend({
  noticeId: z.string(),
  unitId: UnitId,
  submittedAt: z.iso.datetime(),
  submittedBy: z.string(),
  onTime: z.boolean(),
  attempt: z.int().min(2).optional().meta({ description: 'The hand-in after a return (退回重报): 2, 3…; absent for the first' }),
  review: z
    .object({
      decision: RectificationDecisionCode,
      reason: z.string().optional(),
      at: z.iso.datetime(),
      by: z.object({ sub: z.string(), role: RoleCode }),
    })
    .optional(),
}).meta({ id: 'Rectification' });

/** 审核: accepted, with a reason if the office wants one; returned (退回重报), always with one. */
export const RectificationReviewBody = z
  .discriminatedUnion('decision', [
    z
      .strictObject({ decision: z.literal('accepted'), reason: text(2000).optional() })
      .meta({ id: 'RectificationAccepted', description: '接受: a reason may be given' }),
    z
      .strictObject({ decision: z.literal('returned'), reason: text(2000, 'schema.return-needs-reason') })
      .meta({ id: 'RectificationReturned', description: '退回重报: the reason is required' }),
  ])
  .meta({ id: 'RectificationReview', description: '审核: accept, or return (退回重报) with a reason' });

export const NoticeWithdrawalBody = z
  .strictObject({ reason: text(2000) })
  .meta({ id: 'NoticeWithdrawal', description: '撤销通报: why the notice no longer stands (e.g. it named the wrong unit)' });

export const NoticeUnitPath = z.strictObject({ id: z.string().min(1).max(64), unitId: UnitId });

export const ReferralBody = z
  .strictObject({ unitId: UnitId, itemId: ItemId.optional(), clue: text(4000) })
  .meta({ id: 'ReferralSubmission' });

export const ReferralSchema = z
  .object({
    id: z.string(),
    unitId: UnitId,
    itemId: ItemId.optional(),
    clue: z.string(),
    referredAt: z.iso.datetime(),
    referredBy: z.object({ sub: z.string(), role: RoleCode }),
  })
  .meta({ id: 'Referral' });

export const NoticePath = z.strictObject({ id: z.string().min(1).max(64) });

export const HistoryEventSchema = z
  .object({
    seq: z.number().int().meta({
      description: 'From 1 without gaps. Units and inspectors do not see referral events; their view is numbered 1, 2, 3… on its own',
    }),
    type: HistoryEventTypeCode,
    actor: z.object({ sub: z.string(), role: RoleCode, unitId: UnitId.optional() }),
    at: z.iso.datetime(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'HistoryEvent' });

export const page = <T extends z.ZodType>(itemSchema: T, id: string) =>
  z.object({ items: z.array(itemSchema), cursor: z.string().optional() }).meta({ id });

const limit = z.coerce.number().int().min(1).max(100).default(50);
const cursor = z.string().max(2048).optional();

export const PageQuery = z.strictObject({ limit, cursor });

/** The filters of the ledger, shared by GET /items and its spreadsheet exports. */
const itemFilters = {
  status: ItemStatusCode.optional(),
  unit: UnitId.optional(),
  source: SourceCode.optional(),
  light: LightCode.optional(),
  dueBefore: CalendarDateSchema.optional(),
  dueAfter: CalendarDateSchema.optional(),
  leader: z
    .union([z.literal('me'), LeaderId])
    .optional()
    .meta({ description: "分管领导: `me` (a leader's own portfolio) or a leaderId" }),
  findings: z
    .literal('true')
    .transform(() => true)
    .optional()
    .meta({
      description:
        "`true`: the items whose latest report the notice's content rules found something in (虚话套话, 强调客观原因, 答非所问…)",
    }),
  q: chars(100)
    // A query string that was not UTF-8 reaches the function with U+FFFD in place of each bad byte
    // (or, from a client that decodes it itself, a lone surrogate).
    .refine((text) => isWellFormed(text) && !/[\p{Cc}\uFFFD]/u.test(text), { message: 'schema.search-text' satisfies MessageKey })
    .meta({ pattern: '^[^\\p{Cc}\\uFFFD\\uD800-\\uDFFF]*$' })
    .transform((text) => text.trim() || undefined)
    .optional()
    .meta({
      description:
        'Text search (UTF-8, percent-encoded): items whose title, sourceRef or description hold every word of it ' +
        '(Chinese substrings; Latin letters in any case; full- and half-width alike)',
      example: '供水',
    }),
};

export const ItemListQuery = z.strictObject({ ...itemFilters, limit, cursor }).meta({ id: 'ItemListQuery' });

export const LedgerExportQuery = z.strictObject(itemFilters).meta({ id: 'LedgerExportQuery' });

export const OverviewQuery = z
  .strictObject({
    asOf: CalendarDateSchema.optional().meta({
      description: 'The day the lights and the week are taken on; default today (Asia/Shanghai)',
    }),
    leader: itemFilters.leader,
  })
  .meta({ id: 'OverviewQuery' });

/**
 * A year in a path or query: 2000–2100, wide enough for any year the platform can hold, narrow enough to catch a
 * typo. Four digits, then a number: coercion alone would take 0x7EA, 2e3 or ' 2026 ' for a year.
 */
const YearParam = z
  .string()
  .meta({ pattern: '^(?:20[0-9]{2}|2100)$' })
  .regex(/^\d{4}$/, 'schema.year-format' satisfies MessageKey)
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(2000, 'schema.year-min' satisfies MessageKey)
      .max(2100, 'schema.year-max' satisfies MessageKey),
  );

export const AssessmentQuery = z
  .strictObject({
    year: YearParam.meta({ description: 'The assessed year (考核年度), 2000–2100', example: '2026' }),
    asOf: CalendarDateSchema.optional().meta({ description: 'The day open items are judged late on; default today (Asia/Shanghai)' }),
  })
  .meta({ id: 'AssessmentQuery' });

const countsOf = <K extends string>(codes: z.ZodEnum<Record<K, K>>) => z.partialRecord(codes, z.number().int());
const OverviewItemSchema = z.object({
  id: ItemId,
  title: z.string(),
  source: SourceCode,
  leadUnit: UnitId,
  leadUnitName: z.string(),
  dueDate: CalendarDateSchema,
  status: ItemStatusCode,
  light: LightCode,
  lightReason: z.string().meta({ description: 'Why the light, with its dates' }),
});

export const OverviewSchema = z
  .object({
    asOf: CalendarDateSchema,
    total: z.number().int().meta({ description: 'Open items, plus those closed with a deadline in the year of asOf' }),
    byStatus: countsOf(ItemStatusCode),
    bySource: countsOf(SourceCode),
    byLight: countsOf(LightCode),
    dueThisWeek: z.object({ from: CalendarDateSchema, to: CalendarDateSchema, items: z.array(OverviewItemSchema) }),
    completion: z.object({
      year: z.number().int(),
      closedOnTime: z.number().int(),
      closedLate: z.number().int(),
      openLate: z.number().int(),
      onTimeRate: z
        .number()
        .nullable()
        .meta({ description: 'closedOnTime / (closedOnTime + closedLate + openLate); null when no deadline has come' }),
    }),
    redItems: z.array(OverviewItemSchema.extend({ daysLate: z.number().int() })),
    unitsWithMostRed: z.array(z.object({ unitId: UnitId, name: z.string(), redItems: z.number().int() })),
    unitsWithReportFindings: z
      .array(z.object({ unitId: UnitId, name: z.string(), reportsWithFindings: z.number().int(), reportsReturned: z.number().int() }))
      .meta({ description: '报送内容: the units whose reports of the year the content rules found something in, most first (at most 5)' }),
    rectificationsOwed: z.array(z.object({ noticeId: z.string(), unitId: UnitId, name: z.string(), due: CalendarDateSchema })),
  })
  .meta({ id: 'Overview' });

const TreeRedItemSchema = z.object({
  id: ItemId,
  title: z.string(),
  leadUnit: UnitId,
  leadUnitName: z.string(),
  dueDate: CalendarDateSchema,
  daysLate: z.number().int(),
});

export const OfficeSummarySchema = z
  .object({
    asOf: CalendarDateSchema.meta({ description: "The day of the office's last daily run" }),
    open: z.number().int(),
    byLight: countsOf(LightCode),
    completion: OverviewSchema.shape.completion,
    cascaded: z.number().int().meta({ description: '分解下达: items it passed down from the office above this year' }),
    notices: z.number().int().meta({ description: 'Notices (通报) it issued this year' }),
    redItems: z.array(TreeRedItemSchema).meta({ description: 'Its red items, longest late first (at most 20)' }),
  })
  .meta({ id: 'OfficeSummary' });

export const TreeOverviewSchema = z
  .object({
    offices: z.array(
      z.object({
        office: OfficeSchema,
        path: z.array(z.string()).meta({ description: 'Office names from the root down to it: 市政府督查室 → 汉滨区政府督查室' }),
        summary: OfficeSummarySchema.nullable().meta({ description: "Null until the office's first daily run" }),
      }),
    ),
    redItems: z
      .array(TreeRedItemSchema.extend({ office: OfficeId, path: z.array(z.string()) }))
      .meta({ description: 'Red items at every level of the tree, longest late first (at most 100), each with its path' }),
  })
  .meta({ id: 'TreeOverview' });

export const AssessmentSchema = z
  .object({
    year: z.number().int(),
    asOf: CalendarDateSchema,
    units: z.array(
      z.object({
        unitId: UnitId,
        name: z.string(),
        kind: UnitKindCode,
        itemsLed: z.number().int().meta({ description: 'Items it leads with a deadline in the year' }),
        closedOnTime: z.number().int(),
        closedLate: z.number().int(),
        openLate: z.number().int(),
        openOnSchedule: z.number().int(),
        onTimeRate: z.number().nullable(),
        reportsOnTime: z.number().int(),
        reportsLate: z.number().int(),
        noticesOffice: z.number().int().meta({ description: '督查室通报批评 naming it' }),
        noticesGovernment: z.number().int().meta({ description: '以政府名义通报 naming it' }),
        rectificationsLate: z.number().int(),
        reportsWithFindings: z.number().int().meta({
          description:
            "报送内容: its reports of the year the notice's content rules found something in (虚话套话, 强调客观原因, 答非所问…)",
        }),
        reportsReturned: z.number().int().meta({ description: '退回重报: its reports of the year the office returned' }),
        markedNotExcellent: z.boolean(),
        score: z.number().min(0).max(100).nullable().meta({
          description: 'null when not assessed (未参评); to one decimal when a weighted part (supervision, 报送内容) is blended in',
        }),
        grade: z.enum(grades).meta({
          description:
            '考核等次: from the score, and 优秀 only when excellentEligible; 未参评 when nothing counted for the unit in the year',
        }),
        excellentEligible: z.boolean().meta({ description: 'Rule 4: false for a unit criticised in any notice of the year' }),
        supervision: z
          .object({
            office: OfficeId,
            onTimeRate: z.number(),
            weight: z.number(),
            ownScore: z.number().meta({ description: 'The score on its own items, before the blend' }),
          })
          .optional()
          .meta({
            description:
              "一级抓一级: a government with an office of its own. score = (1 − weight) × ownScore + weight × 100 × its office's on-time rate in the year",
          }),
        reportQuality: z.object({ cleanShare: z.number(), weight: z.number(), scoreBefore: z.number() }).optional().meta({
          description:
            '报送内容, when REPORT_QUALITY_WEIGHT is above 0: score = (1 − weight) × scoreBefore + weight × 100 × the share of its reports with no finding',
        }),
      }),
    ),
  })
  .meta({ id: 'Assessment' });

export const ItemPath = z.strictObject({ id: ItemId });

/** 分解下达 (POST /cascades): an item of the office above, passed down to departments of the caller's office. */
export const CascadeBody = z
  .strictObject({
    parentItemId: ItemId.meta({ description: "The item of the office above that the caller's government answers for" }),
    children: z
      .array(
        z.strictObject({
          title: line(200).optional().meta({ description: "Left out: the parent's title" }),
          description: optionalText(4000).optional(),
          leadUnit: UnitId.meta({ description: "A unit of the caller's roster" }),
          coUnits: z
            .array(UnitId)
            .max(20)
            .refine((ids) => new Set(ids).size === ids.length, { message: 'schema.units-repeated' satisfies MessageKey })
            .optional(),
          dueDate: CalendarDateSchema.meta({ description: "No later than the parent's deadline" }),
          requirements: ItemRegistrationBody.shape.requirements.optional().meta({ description: "Left out: the parent's 督办要求" }),
        }),
      )
      .min(1)
      .max(20),
  })
  .meta({ id: 'Cascade' });

export const CascadeResultSchema = z
  .object({
    parent: z.object({ office: OfficeId, itemId: ItemId, title: z.string(), dueDate: CalendarDateSchema }),
    children: z.array(ItemSchema).meta({ description: "The items registered in the caller's ledger, in the order given" }),
  })
  .meta({ id: 'CascadeResult' });

export const ItemCascadeSchema = z
  .object({
    item: ItemSchema,
    offices: z
      .array(
        z.object({
          office: OfficeSchema,
          items: z.array(ItemSchema),
          unitNames: z.record(z.string(), z.string()).meta({ description: "The names of the children's units, in that office's roster" }),
        }),
      )
      .meta({ description: 'For each office below whose government answers for the item: what it made of it (a unit: its own only)' }),
  })
  .meta({ id: 'ItemCascade' });

export const UnitPath = z.strictObject({ unitId: UnitId });

export const ProblemDetailSchema = z
  .object({
    path: z.string().optional().meta({ description: 'The request field it is about, e.g. dueDate, query.limit, answers.2.requirement' }),
    message: z.string().meta({ description: 'What is wrong, in the language of Accept-Language (Chinese by default)' }),
  })
  .catchall(z.unknown())
  .meta({ id: 'ProblemDetail', description: 'One problem; some carry machine-readable values (requirement, status, allowedFrom…)' });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Machine-readable, e.g. invalid-input, report-incomplete, illegal-transition' }),
      message: z.string().meta({ description: 'For people: Chinese, or English with Accept-Language: en' }),
      details: z.array(ProblemDetailSchema),
    }),
  })
  .meta({ id: 'Error' });

/** Only the outline of the document: it describes itself. */
export const OpenApiDocumentSchema = z
  .looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'OpenApiDocument', description: 'An OpenAPI 3.1 document' });

// The working-day calendar: the office's entry of a year's holidays (PUT /calendar/{year}).
const YearDay = z.strictObject({ date: CalendarDateSchema, name: line(20) });

export const CalendarYearPath = z.strictObject({ year: YearParam });

export const CalendarYearBody = z
  .strictObject({
    holidays: z.array(YearDay).max(60).meta({ description: 'Statutory days off (放假), weekends within them included' }),
    makeupDays: z.array(YearDay).max(20).meta({ description: '调休: Saturdays or Sundays worked' }),
  })
  .meta({ id: 'CalendarYearEntry' });

export const CalendarYearSchema = z
  .object({
    year: z.number().int(),
    source: z.enum(['office', 'chinese-days', 'none']).meta({
      description: "office: entered with PUT; chinese-days: the package's; none: not covered (working-day deadlines are refused)",
    }),
    holidays: z.array(z.object({ date: CalendarDateSchema, name: z.string() })),
    makeupDays: z.array(z.object({ date: CalendarDateSchema, name: z.string() })),
    enteredBy: z.string().optional(),
    enteredAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'CalendarYear' });

// 公开曝光: the public feed of government-level notices issued with media exposure (domain/public-feed.ts).
export const PublicNoticeSchema = z
  .object({
    id: z.string(),
    documentNumber: z
      .string()
      .optional()
      .meta({ description: '文号, e.g. 安督通〔2026〕12号 (absent on notices issued before 文号 were given)' }),
    issuedAt: z.iso.datetime(),
    date: CalendarDateSchema.meta({ description: '通报日期 (Asia/Shanghai)' }),
    units: z.array(z.object({ id: UnitId, name: z.string() })),
    items: z.array(z.object({ title: z.string(), dueDate: CalendarDateSchema })),
    reason: z.string(),
  })
  .strict()
  .meta({
    id: 'PublicNotice',
    description: 'What the public reads of a notice: never a referral, a clue, a copy flag, a report or a contact',
  });

/**
 * The query of both public routes, the JSON page and the Atom feed, read alike: `limit` and `cursor` are checked
 * (a bad one is a 400 naming it, as everywhere), and any other parameter is ignored. A feed reader, a news site
 * or a shared link adds `?utm_source=…` and the like; a subscription must not break on what the answer does not
 * depend on. (The signed-in routes refuse unknown parameters instead: there a mistyped filter would silently
 * widen a ledger query.) Only the default page size differs: 20 for a page of JSON, 50 for the feed.
 */
const publicFeedQuery = (defaultLimit: number) =>
  z.object({
    office: OfficeId.optional().meta({ description: "An office of the tree (纵向到底): its own notices; absent, the root office's" }),
    limit: z.coerce.number().int().min(1).max(50).default(defaultLimit),
    cursor: cursor.meta({ description: 'The `cursor` of the page before (JSON), or of the Atom feed’s `next` link' }),
  });
export const PUBLIC_PAGE_SIZE = { json: 20, atom: 50 } as const;
export const PublicFeedQuery = publicFeedQuery(PUBLIC_PAGE_SIZE.json);
export const PublicAtomQuery = publicFeedQuery(PUBLIC_PAGE_SIZE.atom);
// --- 导入台账 (POST /items/import) ------------------------------------------------------------

export const ImportQuery = z
  .strictObject({
    dryRun: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => v === 'true')
      .meta({ description: 'true: answer what would be created and every row’s problems, writing nothing' }),
  })
  .meta({ id: 'ImportQuery' });

const ImportRowStatusCode = coded(
  'ImportRowStatus',
  'What became of a row',
  ['create', 'created', 'exists', 'invalid', 'skipped'] as const,
  {
    create: '将新建',
    created: '已新建',
    exists: '已导入过',
    invalid: '待确认',
    skipped: '不导入',
  },
);

// A column's field is named by its own Chinese word; the document explains each code in Chinese all the same.
const LedgerFieldCode = coded(
  'LedgerField',
  'What a column of an imported ledger is read as',
  ledgerFields,
  Object.fromEntries(ledgerFields.map((f) => [f, f])) as Record<(typeof ledgerFields)[number], string>,
);

/** The clerk's answers to the preview's questions; each optional, the file alone imports what it can. */
export const ImportDecisionsSchema = z
  .strictObject({
    names: z
      .record(z.string().min(1).max(100), UnitId)
      .optional()
      .meta({ description: 'A unit name as the file writes it → the unit meant (您是否指…？); kept as that unit’s alias' }),
    leaders: z
      .record(z.string().min(1).max(50), LeaderId)
      .optional()
      .meta({ description: 'A 责任领导 as the file writes it → the leaderId meant' }),
    rows: z
      .record(
        z.string().regex(/^[1-9][0-9]{0,4}$/, 'schema.row-number' satisfies MessageKey),
        z.strictObject({
          source: SourceCode.optional(),
          dueDate: CalendarDateSchema.optional().meta({ description: 'A deadline for words the import could not read' }),
          state: z
            .enum(['open', 'closed'])
            .optional()
            .meta({ description: 'A row past its deadline: 办理中 (open, the default) or 已办结 (closed on closedOn)' }),
          closedOn: CalendarDateSchema.optional(),
          skip: z.boolean().optional().meta({ description: 'Leave the row out of this import' }),
        }),
      )
      .optional()
      .meta({ description: 'By the row’s number in the file' }),
    dispatch: z
      .enum(['summary', 'none'])
      .optional()
      .meta({ description: '派发 of the open items imported: summary (default), one mail per unit listing its items; none' }),
  })
  .meta({ id: 'ImportDecisions' });

/** A file and the clerk's decisions in one JSON body: the console's 确认导入 sends what the preview was given. */
export const ImportRequestBody = z
  .strictObject({
    file: z.strictObject({
      mediaType: z.enum(['text/csv', XLSX_MEDIA_TYPE]),
      name: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .optional()
        .meta({ description: 'The file’s name, as 待办 names the import that left rows to fix' }),
      base64: z.string().max(1_400_000).meta({
        description:
          'The file’s bytes, base64 (CSV in UTF-8 or GBK, or a workbook), at most about 1 MB: a 500-row ledger is a tenth of that',
      }),
    }),
    decisions: ImportDecisionsSchema.default({}),
  })
  .meta({ id: 'ImportRequest' });

/** 单位名册导入: the file alone in a JSON body, as the console sends it. */
export const RosterImportRequestBody = z.strictObject({ file: ImportRequestBody.shape.file }).meta({ id: 'RosterImportRequest' });

export const RosterImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    headerRow: z.int(),
    units: z.array(
      z.object({
        row: z.int(),
        name: z.string(),
        unitId: UnitId,
        kind: UnitKindCode,
        status: z.enum(['create', 'created', 'exists', 'invalid']),
        contacts: z.array(z.object({ name: z.string(), email: z.string(), role: ContactRoleCode })),
        problems: z.array(z.object({ path: z.string().optional(), message: z.string() })),
      }),
    ),
  })
  .meta({ id: 'RosterImportResult' });

const ImportProblemSchema = z.object({ column: z.string().optional(), message: z.string() });

export const ImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    created: z.int(),
    existing: z.int(),
    invalid: z.int(),
    headerRow: z.int(),
    columns: z.array(z.object({ column: z.int(), header: z.string(), readAs: LedgerFieldCode })),
    ignoredColumns: z.array(z.object({ column: z.int(), header: z.string() })),
    skippedRows: z
      .array(z.object({ row: z.int(), kind: z.enum(['title', 'section', 'note', 'header']), text: z.string() }))
      .meta({ description: 'Title, 填报单位, section (一、…), note and repeated header rows, not read as items' }),
    rows: z.array(
      z.object({
        row: z.int(),
        title: z.string(),
        status: ImportRowStatusCode,
        itemId: ItemId.optional(),
        itemIds: z.array(ItemId).optional(),
        pastDue: z.boolean().optional().meta({
          description:
            'Its deadline passed before the import: kept, never warned of or counted late (said only of a row the import would write)',
        }),
        differs: z
          .array(
            z.object({
              field: z.enum(['dueDate', 'coUnits', 'requirements', 'source']),
              file: z.string(),
              ledger: z
                .string()
                .meta({ description: 'Dates, unit ids, requirements (joined by ；) and source codes as the API writes them' }),
            }),
          )
          .optional()
          .meta({
            description:
              'The ledger already holds this matter (same 督查事项, 牵头单位 and 文号) as the row was first imported: what the file says otherwise now. The import leaves the item as it is',
          }),
        reading: z.object({
          source: SourceCode.optional(),
          sourceFrom: z.enum(['column', 'section', 'decision']).optional(),
          dueDate: CalendarDateSchema.optional(),
          dueWords: z.string().optional(),
          standing: z.literal(true).optional(),
          reportEveryDays: z.int().optional(),
          closedOn: CalendarDateSchema.optional(),
          leadUnits: z.array(z.string()),
          coUnits: z.array(z.string()),
          unitNames: z.array(z.object({ written: z.string(), column: z.enum(['牵头单位', '协办单位']), matched: z.boolean() })),
          leaderInCharge: LeaderId.optional(),
          requirements: z.array(z.string()),
          note: z.string().optional(),
          progress: z.object({ text: z.string(), asOf: CalendarDateSchema }).optional(),
        }),
        problems: z.array(ImportProblemSchema),
      }),
    ),
    names: z
      .array(
        z.object({
          written: z.string(),
          rows: z.array(z.int()),
          match: z.enum(['exact', 'collective', 'near', 'unknown']),
          unitIds: z.array(z.string()),
          candidates: z.array(z.object({ unitId: UnitId, name: z.string() })),
          confirmed: z.boolean(),
        }),
      )
      .meta({ description: 'Every unit name of the file once: matched, expanded (各县（市、区）政府), or asked (您是否指…？)' }),
    leaders: z.array(
      z.object({
        written: z.string(),
        rows: z.array(z.int()),
        leaderId: LeaderId.optional(),
        candidates: z.array(z.object({ leaderId: LeaderId, name: z.string() })),
      }),
    ),
    aliasesAdded: z.array(z.object({ unitId: UnitId, alias: z.string() })),
  })
  .meta({ id: 'ImportResult' });

// --- 待办 (GET /to-do) ---------------------------------------------------------------------------------

export const ImportLeftoverSchema = z
  .object({
    id: z.string(),
    fileName: z.string().optional(),
    importedAt: z.iso.datetime(),
    rows: z.array(z.object({ row: z.int(), title: z.string(), problems: z.array(ImportProblemSchema) })),
  })
  .meta({ id: 'ImportLeftover', description: '导入待修正: the rows an import left in its preview, not yet imported by a later one' });

export const OfficeToDoSchema = z
  .object({
    extensions: z.array(ItemSchema).meta({ description: 'Items with an extension request to decide' }),
    claims: z.array(ItemSchema).meta({ description: 'Items whose lead unit claimed completion: awaiting 核查' }),
    rectifications: z
      .array(z.object({ notice: NoticeSchema, unitId: UnitId, submittedAt: z.iso.datetime() }))
      .meta({ description: 'Rectifications handed in and not yet accepted or returned, oldest first' }),
    bounced: z.array(UnitSchema).meta({ description: 'Units with a contact whose mail bounced for good' }),
    importsLeft: z.array(ImportLeftoverSchema),
  })
  .meta({ id: 'OfficeToDo' });

// --- 附件 (POST /attachments, GET /attachments/{attachmentId}) ---------------------------------

export const UploadBody = z
  .strictObject({
    fileName: line(200),
    contentType: z.enum(attachmentMediaTypes).meta({ description: 'PDF, OFD, DOC/DOCX, XLS/XLSX, JPEG or PNG' }),
    size: z.int().min(1).max(MAX_ATTACHMENT_BYTES).meta({ description: 'Bytes, at most 20 MB: fixed in the signature' }),
  })
  .meta({ id: 'UploadRequest' });

export const AttachmentSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    contentType: z.enum(attachmentMediaTypes),
    size: z.int(),
    requestedAt: z.iso.datetime(),
    checkedAt: z.iso.datetime().optional(),
    attached: z.boolean(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional()
      .meta({ description: 'Once attached: the SHA-256 (hex) of the bytes attached, which are what is served and archived from then on' }),
  })
  .meta({ id: 'Attachment' });

export const UploadSchema = z
  .object({
    attachment: AttachmentSchema,
    upload: z.object({
      method: z.literal('PUT'),
      url: z.url(),
      headers: z.record(z.string(), z.string()).meta({ description: 'Send exactly these (and the declared Content-Length)' }),
      expiresAt: z.iso.datetime(),
    }),
  })
  .meta({ id: 'Upload' });

export const AttachmentReadSchema = z
  .object({ attachment: AttachmentSchema, download: z.object({ url: z.url(), expiresAt: z.iso.datetime() }) })
  .meta({ id: 'AttachmentDownload' });

export const AttachmentPath = z.strictObject({ attachmentId: z.uuid() });

// --- 一事一档 (GET /items/{id}/dossier.zip) -------------------------------------------------------

/** The answer of a dossier too big for one response: where it was written (the Location of the 303, again). */
export const DossierLocationSchema = z
  .object({
    url: z.url().meta({ description: 'A presigned GET of the archive, valid 5 minutes (the same as Location)' }),
    expiresAt: z.iso.datetime(),
    size: z.int().meta({ description: 'Bytes of the archive' }),
  })
  .meta({ id: 'DossierLocation' });
