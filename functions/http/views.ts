import { shanghaiDate } from '../domain/calendar';
import { seesReferrals } from '../domain/access';
import type { Caller } from '../domain/caller';
import type { HistoryEvent } from '../domain/history';
import type { Item } from '../domain/items';
import type { Notice } from '../domain/notices';
import type { Contact, Unit } from '../domain/units';
import type { Report } from '../domain/reports';
import { judgeLight } from '../domain/light';
import type { DueRule } from '../domain/due-rule';
import type { ExtensionRequest } from '../domain/extensions';
import { DEFAULT_LANGUAGE, type Language, type Message, render, say } from '../messages/message';

/** What an import asked of each line it read (a row, a unit of the roster), said in the language of the request. */
export const saidProblems = <L extends { problems: readonly { message: Message }[] }>(lines: readonly L[], language: Language) =>
  lines.map((line) => ({ ...line, problems: line.problems.map((p) => ({ ...p, message: render(p.message, language) })) }));

/** A deadline's working-day rule with its explanation, in the language of the request. */
export const dueRuleView = (rule: DueRule, language: Language) => ({
  ...rule,
  explanation: render(say('calendar.due-rule', rule), language),
});

/** An extension request, its working-day rule explained. */
export function extensionView(request: ExtensionRequest, language: Language = DEFAULT_LANGUAGE) {
  const { newDueRule, ...rest } = request;
  return newDueRule ? { ...rest, newDueRule: dueRuleView(newDueRule, language) } : rest;
}

/**
 * 纸面销号 flags are the office's working suspicion, not a finding: the
 * office, leaders and inspectors see them; units do not.
 */
const seesCopyFlags = (caller: Caller | undefined) => caller !== undefined && caller.role !== 'unit';

/**
 * An item as clients see it: its stored state plus the light as of now. `version` is for those who
 * read referrals: it counts every change, referrals too, so its jumps would show a hidden event.
 */
export function itemView(item: Item, now: Date, caller?: Caller, language: Language = DEFAULT_LANGUAGE) {
  const { lastSeq: _internal, copyFlags, version, updatedAt, dueRule, ...visible } = item;
  // One judgement gives the light and its reason, so the two can never disagree.
  const { light, reasons } = judgeLight(item, shanghaiDate(now));
  return {
    ...visible,
    ...(dueRule ? { dueRule: dueRuleView(dueRule, language) } : {}),
    // Both move with every change, a referral (移送) too: a reader who may not see referrals would see one happen.
    ...(caller === undefined || seesReferrals(caller) ? { version, updatedAt } : {}),
    ...(copyFlags && seesCopyFlags(caller) ? { copyFlags } : {}),
    light,
    lightReason: reasons.map((r) => render(r, 'zh')).join('；'),
  };
}

/** A notice as the caller may read it: who is proposed for 移送 (referralSuggested) is for the office and leaders only. */
export function noticeView<N extends Notice>(
  notice: N,
  caller: Caller,
): Omit<N, 'referralSuggested'> & Partial<Pick<N, 'referralSuggested'>> {
  if (seesReferrals(caller)) return notice;
  const { referralSuggested: _confidential, ...visible } = notice;
  return visible;
}

/** A contact as the API shows it: whether mail to it bounced for good, and since when (not the bounce's details). */
export function contactView(contact: Contact) {
  const { bounce: _bounce, undeliverableSince, ...given } = contact;
  return { ...given, undeliverable: undeliverableSince !== undefined, ...(undeliverableSince ? { undeliverableSince } : {}) };
}

/** A unit as the caller may read it: a unit sees whom it works with, but only its own unit's contacts. */
export function unitView(unit: Unit, caller: Caller) {
  const { contacts, ...visible } = unit;
  if (caller.role === 'unit' && caller.unitId !== unit.id) return visible;
  return { ...visible, contacts: contacts.map(contactView) };
}

export function reportView(report: Report, caller: Caller) {
  const { possibleCopyOf, ...visible } = report;
  return possibleCopyOf && seesCopyFlags(caller) ? report : visible;
}

export const visibleEvents = (events: HistoryEvent[], caller: Caller) => events.map((e) => eventView(e, caller));

export function eventView(event: HistoryEvent, caller: Caller) {
  if (seesCopyFlags(caller) || !('possibleCopyOf' in event.data)) return event;
  const { possibleCopyOf: _hidden, ...data } = event.data;
  return { ...event, data };
}

/** The version an edit sends back as If-Match. */
export const etag = (version: number): Record<string, string> => ({ etag: `"${version}"` });

/** Tells a client its retry was answered from the first request. */
export const replayHeaders = (replayed: boolean): Record<string, string> => (replayed ? { 'idempotent-replayed': 'true' } : {});
