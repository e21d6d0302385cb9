/** Responsible units (责任单位): counties, departments, agencies — and the office and the leaders, who receive mail as units. */
export const unitKinds = ['county', 'department', 'agency', 'office', 'leadership'] as const;
export type UnitKind = (typeof unitKinds)[number];

export const contactRoles = ['head', 'liaison'] as const;
export type ContactRole = (typeof contactRoles)[number];

/**
 * What the platform emails about, each a topic a contact may take or leave (mail-topics below): the events
 * of the ledger (派发, 通报, 延期, 核查, 整改退回, 事项变更) and the scheduled jobs' mail (提醒, 预警, 周报).
 */
export const mailTopics = [
  'dispatch',
  'notice',
  'extension',
  'verification',
  'rectification',
  'item-change',
  'reminder',
  'warning',
  'digest',
] as const;
export type MailTopic = (typeof mailTopics)[number];

export interface Contact {
  name: string;
  email: string;
  role: ContactRole;
  /** 分管领导: a person of a `leadership` unit has one; items name it as their `leaderInCharge`, the leader's token carries it. */
  leaderId?: string;
  /** The topics this contact is emailed about; absent means every one (the head may keep only `notice`). */
  receives?: MailTopic[];
  /** When a mail to this address bounced for good (SES: Permanent): no mail goes to it until the office gives a new one. */
  undeliverableSince?: string;
  /** The bounce that made it undeliverable, as SES named it (Permanent; General, NoEmail, Suppressed…). */
  bounce?: { type: string; subType?: string };
}

/** Whether a contact can be mailed: not after a hard bounce (mail-events.ts), until the office corrects its address. */
export const deliverable = (contact: Contact) => contact.undeliverableSince === undefined;

/** Whether a contact takes mail of this topic: by default, every contact (head and liaison) takes every topic. */
export const wants = (contact: Contact, topic: MailTopic) => contact.receives === undefined || contact.receives.includes(topic);

export interface Unit {
  id: string;
  name: string;
  /** 简称: the name people write for it (市发改委); an import matches it as exactly as the full name. */
  shortName?: string;
  /** Other names it answers to, each confirmed once by the office (汉滨区政府 for 汉滨区人民政府, 导入台账). */
  aliases?: string[];
  kind: UnitKind;
  contacts: Contact[];
  registeredAt: string;
  /** When it was last edited (PATCH /units/{unitId}). */
  updatedAt?: string;
  version: number;
}

export interface UnitRegistration {
  id: string;
  name: string;
  shortName?: string;
  aliases?: string[];
  kind: UnitKind;
  contacts: Contact[];
}

/** A generated 单位编码: the counter's number, four digits at least (0001, 0002… 10000). */
export const unitCode = (n: number) => String(n).padStart(4, '0');

/** A unit as the ledger keeps it: registered now, at its first version. */
export function newUnit(input: UnitRegistration, now: Date): Unit {
  return { ...input, registeredAt: now.toISOString(), version: 1 };
}
