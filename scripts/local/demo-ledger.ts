/**
 * Loads the demo ledger (scripts/seed-data.ts) through the same use cases
 * the API calls, into whatever DynamoDB the process's environment points
 * at: `npm run seed` against the running local system, the browser tests
 * against their own. Items are registered "as of" their registration day,
 * so some are already late. Running it again adds nothing twice (fixed ids;
 * existing ones are kept).
 */
import { addDays, shanghaiDate, startOfShanghaiDay } from '../../functions/domain/calendar';
import { Conflict } from '../../functions/domain/errors';
import type { Caller } from '../../functions/domain/caller';
import { demoItems, demoNotice, demoRegistration, demoUnits, type DemoStep } from '../seed-data';
import { ENV } from '../../functions/config';
import { demoPdf } from './demo-pdf';

export interface SeedCounts {
  today: string;
  units: { added: number; kept: number };
  items: { added: number; kept: number };
}

export async function seedDemoLedger(now: Date = new Date()): Promise<SeedCounts> {
  // Imported when called, after the caller has set the environment: adapters read it at first use, as at a cold start.
  const { DynamoUnitRepository } = await import('../../functions/adapters/dynamodb/unit-repository');
  const { DynamoItemRepository } = await import('../../functions/adapters/dynamodb/item-repository');
  const { DynamoIdempotencyStore } = await import('../../functions/adapters/dynamodb/idempotency-store');
  const { registerUnit } = await import('../../functions/use-cases/register-unit');
  const { registerItem } = await import('../../functions/use-cases/register-item');
  const { DynamoNoticeRepository } = await import('../../functions/adapters/dynamodb/notice-repository');
  const { acknowledgeItem } = await import('../../functions/use-cases/acknowledge-item');
  const { submitReport } = await import('../../functions/use-cases/submit-report');
  const { claimCompletion } = await import('../../functions/use-cases/claim-completion');
  const { verifyItem } = await import('../../functions/use-cases/verify-item');
  const { issueNotice } = await import('../../functions/use-cases/issue-notice');
  const { rectify } = await import('../../functions/use-cases/rectify');
  const { editItemFields, reassignItem, withdrawLedgerItem } = await import('../../functions/use-cases/edit-item');
  const { reviewUnitRectification } = await import('../../functions/use-cases/review-rectification');
  const { noticeWork } = await import('../../functions/http/wiring');
  const files = await attachmentPath();

  const office: Caller = { sub: 'seed', role: 'office' };
  const idempotency = new DynamoIdempotencyStore();
  const today = shanghaiDate(now);
  const at = (date: string) => ({ now: () => new Date(startOfShanghaiDay(date).getTime() + 9 * 3600 * 1000) });

  async function kept<T>(work: () => Promise<T>): Promise<'added' | 'kept'> {
    try {
      await work();
      return 'added';
    } catch (error) {
      if (error instanceof Conflict) return 'kept';
      throw error;
    }
  }

  /** One demo step, as the lead unit (or the office, for 核查) on its day. */
  async function play(
    deps: { items: InstanceType<typeof DynamoItemRepository> },
    itemId: string,
    requirements: string[],
    leadUnit: string,
    s: DemoStep,
  ) {
    const changeDeps = { items: deps.items, idempotency, clock: at(addDays(today, -s.daysAgo)) };
    const unit: Caller = { sub: `seed-${leadUnit}`, role: 'unit', unitId: leadUnit };
    if (s.step === 'acknowledge') await acknowledgeItem(changeDeps, unit, itemId);
    if (s.step === 'report') {
      const answers = requirements.map((_, requirement) => ({ requirement, answer: `${requirements[requirement]}：${s.summary}` }));
      const attached = s.attachment && files ? await files.upload(unit, s.attachment, changeDeps.clock, itemId) : [];
      await submitReport(
        changeDeps,
        unit,
        itemId,
        { summary: s.summary, percentComplete: s.percentComplete, answers, attachmentIds: attached.map((f) => f.id) },
        undefined,
        attached,
      );
    }
    if (s.step === 'complete') await claimCompletion(changeDeps, unit, itemId, { summary: s.summary });
    if (s.step === 'verify') await verifyItem(changeDeps, office, itemId, { method: s.method, passed: true, findings: s.findings });
    // The office's edits name the version they edit, as the console's do.
    const ifMatch = async () => ({ ifMatch: (await deps.items.get(itemId))?.version ?? 0 });
    const editDeps = { ...changeDeps, units: new DynamoUnitRepository() };
    if (s.step === 'edit') await editItemFields(editDeps, office, itemId, s.edit, await ifMatch());
    if (s.step === 'reassign') await reassignItem(editDeps, office, itemId, { leadUnit: s.leadUnit, reason: s.reason }, await ifMatch());
    if (s.step === 'withdraw')
      await withdrawLedgerItem(changeDeps, office, itemId, { reason: s.reason, decision: s.decision }, await ifMatch());
  }

  const counts: SeedCounts = { today, units: { added: 0, kept: 0 }, items: { added: 0, kept: 0 } };
  const units = new DynamoUnitRepository();
  // Side by side: the units do not depend on one another, nor the items (each item's own steps stay in order); every
  // browser test file seeds its own ledger, one after another took three seconds.
  await Promise.all(
    demoUnits.map(async (unit) => {
      counts.units[await kept(() => registerUnit({ units, idempotency, clock: at(today) }, office, unit))] += 1;
    }),
  );
  const items = new DynamoItemRepository();
  await Promise.all(demoItems.map((demo) => seedItem(demo)));
  return counts;

  async function seedItem(demo: (typeof demoItems)[number]) {
    const { registeredOn, input } = demoRegistration(demo, today);
    const outcome = await kept(() =>
      registerItem({ items, units, idempotency, clock: at(registeredOn), newId: () => demo.id }, office, input),
    );
    counts.items[outcome] += 1;
    // Only for an item just added: a second seeding adds nothing twice.
    if (outcome === 'added')
      for (const step of demo.activity ?? []) await play({ items }, demo.id, input.requirements, input.leadUnit, step);
    if (outcome === 'added' && demoNotice.input.itemIds.includes(demo.id)) {
      const notices = new DynamoNoticeRepository();
      const { notice } = await issueNotice(
        // Numbered as the API numbers a notice (文号 from the configured prefix and the year's sequence).
        {
          items,
          units,
          notices,
          idempotency,
          clock: at(addDays(today, -demoNotice.daysAgo)),
          sequences: noticeWork.sequences,
          noticeNumberPrefix: noticeWork.noticeNumberPrefix,
        },
        office,
        demoNotice.input,
      );
      const unit: Caller = { sub: 'seed-rectification', role: 'unit', unitId: demoNotice.input.unitIds[0] };
      await rectify(
        { notices, idempotency, clock: at(addDays(today, -demoNotice.rectifiedDaysAgo)) },
        unit,
        notice.id,
        demoNotice.rectification,
      );
      // 退回重报: the office found the measures too vague; the unit owes it again (by the notice's own date).
      await reviewUnitRectification(
        { notices, idempotency, clock: at(addDays(today, -demoNotice.returnedDaysAgo)) },
        office,
        notice.id,
        unit.unitId ?? '',
        { decision: 'returned', reason: demoNotice.returnReason },
      );
    }
  }
}

/**
 * The attachments' code path, when the local S3 server is configured (`npm run seed`, `npm start`; not a test's bare
 * table): POST /attachments' use case, the presigned PUT, the check after upload — what a unit's upload goes through.
 */
async function attachmentPath() {
  if (!process.env[ENV.attachmentsBucket]) return undefined;
  const { DynamoAttachmentRepository } = await import('../../functions/adapters/dynamodb/attachment-repository');
  const { S3AttachmentStore } = await import('../../functions/adapters/s3/attachment-store');
  const { requestUpload, usableAttachments } = await import('../../functions/use-cases/attachments');
  const attachments = new DynamoAttachmentRepository();
  const store = new S3AttachmentStore();
  return {
    async upload(caller: Caller, fileName: string, clock: { now: () => Date }, itemId: string) {
      const deps = { attachments, store, clock };
      const pdf = demoPdf(['ducha demo attachment', `item: ${itemId}`, `unit: ${caller.unitId ?? ''}`, clock.now().toISOString()]);
      const { attachment, upload } = await requestUpload(deps, caller, { fileName, contentType: 'application/pdf', size: pdf.length });
      const put = await fetch(upload.url, { method: 'PUT', body: pdf, headers: upload.headers });
      if (!put.ok) throw new Error(`uploading ${fileName} to the local S3 server answered ${put.status}`);
      return usableAttachments(deps, caller, [attachment.id]);
    },
  };
}
