/**
 * Codes the ledger speaks in whose home modules also raise errors: declared
 * here, importing nothing, so the labels and the message catalogue can name
 * them without an import cycle through the rules that say those messages.
 * Each home module re-exports its codes; import them from there.
 */
export const extensionStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ExtensionStatus = (typeof extensionStatuses)[number];

export const noticeLevels = ['office', 'government'] as const;
export type NoticeLevel = (typeof noticeLevels)[number];

/**
 * `returned`: the office sent the rectification back (退回重报) and the unit owes it again, on the same
 * one-week clock; `withdrawn`: the notice was withdrawn and owes nothing any more.
 */
export type ObligationStatus = 'owed' | 'rectified' | 'escalated' | 'returned' | 'withdrawn';

/** The office's review of a rectification: accepted, or returned for the unit to hand in again (退回重报). */
export const rectificationDecisions = ['accepted', 'returned'] as const;
export type RectificationDecision = (typeof rectificationDecisions)[number];

/** The lifecycle's actions (lifecycle.ts says from which statuses each may start). */
export const actionNames = [
  'acknowledge',
  'report',
  'requestExtension',
  'decideExtension',
  'claimCompletion',
  'verify',
  // The office keeping the ledger true (item-edits.ts).
  'edit',
  'moveDeadline',
  'reassign',
  'withdraw',
] as const;
export type Action = (typeof actionNames)[number];

/** 红黄绿灯: green on track, yellow due soon or a report late, red overdue (domain/light.ts decides which, and why). */
export const lights = ['green', 'yellow', 'red'] as const;
export type Light = (typeof lights)[number];

/** 送达: what the delivery receipts say of a notice's mail to a unit (mail-events.ts). */
export const deliveryStates = ['delivered', 'bounced', 'pending'] as const;
export type DeliveryState = (typeof deliveryStates)[number];
