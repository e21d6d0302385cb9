/**
 * What a report must hold (rule 1, 不得漏项掉项), apart from everything else about reports (reports.ts): the console
 * applies the same rule before sending (console/src/report-rules.ts), so this module imports nothing that only runs
 * on a server (the hash chain's node:crypto).
 */
import { say } from '../messages/message';
import type { ProblemDetail } from './errors';
import type { Item } from './items';

/** A unit's progress report (报送) on an item. */
export interface ReportSubmission {
  /** 附件 (正式文件) the report names: ids from POST /attachments, checked before the report is written. */
  attachmentIds?: string[];
  summary: string;
  percentComplete: number;
  answers: { requirement: number; answer: string }[];
  investmentYuan?: number;
  workVolume?: string;
  difficulties?: string;
}

/**
 * Rule 1 (不得漏项掉项): a report answers every requirement of the item, by
 * index, and a project-type item states invested amount, work volume and
 * percent complete. Returns what is missing, or nothing.
 */
export function missingFromReport(item: Pick<Item, 'requirements' | 'projectType'>, report: ReportSubmission): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const answered = new Set(report.answers.map((a) => a.requirement));
  report.answers.forEach((a, i) => {
    if (a.requirement >= item.requirements.length) {
      problems.push({
        path: `answers.${i}.requirement`,
        message: say('rule.no-such-requirement', { requirement: a.requirement, count: item.requirements.length }),
      });
    }
  });
  item.requirements.forEach((requirement, index) => {
    if (!answered.has(index))
      problems.push({ path: 'answers', message: say('rule.requirement-unanswered', { index, requirement }), requirement: index });
  });
  if (item.projectType) {
    if (report.investmentYuan === undefined) problems.push({ path: 'investmentYuan', message: say('rule.investment-missing') });
    if (report.workVolume === undefined) problems.push({ path: 'workVolume', message: say('rule.work-volume-missing') });
  }
  return problems;
}
