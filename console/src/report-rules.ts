/**
 * What a progress report must hold before it is sent: the API's own rule
 * (missingFromReport, 不得漏项掉项) and its rule that falling progress is
 * explained, worded for the form's fields.
 */
import { missingFromReport } from '../../functions/domain/report-completeness';
import type { Item, ReportSubmission } from './api/types';

export interface ReportValues {
  answers: (string | undefined)[];
  summary: string;
  percentComplete: number;
  investmentYuan?: number | null;
  workVolume?: string;
  difficulties?: string;
  /** Uploaded attachments (附件), by id. */
  attachmentIds?: string[];
}

/** The submission from the form: blank answers are left out, as a clerk's blank is no answer. */
export function submissionOf(values: ReportValues, item: Pick<Item, 'requirements' | 'projectType'>): ReportSubmission {
  const answers = item.requirements
    .map((_, requirement) => ({ requirement, answer: values.answers?.[requirement]?.trim() ?? '' }))
    .filter((a) => a.answer !== '');
  const difficulties = values.difficulties?.trim();
  const workVolume = values.workVolume?.trim();
  return {
    summary: values.summary.trim(),
    percentComplete: values.percentComplete,
    answers,
    ...(item.projectType && values.investmentYuan !== undefined && values.investmentYuan !== null
      ? { investmentYuan: values.investmentYuan }
      : {}),
    ...(item.projectType && workVolume ? { workVolume } : {}),
    ...(difficulties ? { difficulties } : {}),
    ...(values.attachmentIds?.length ? { attachmentIds: values.attachmentIds } : {}),
  };
}

/** What the API would refuse, found here first, in words for the form. */
export function refusalsOf(submission: ReportSubmission, item: Pick<Item, 'requirements' | 'projectType'>, previousPercent?: number) {
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const problem of missingFromReport(item, submission)) {
    const requirement = (problem as { requirement?: unknown }).requirement;
    if (problem.path === 'answers' && typeof requirement === 'number') {
      fields.push({ name: ['answers', requirement], errors: ['未回答此项督办要求：报送须逐项回答，不得漏项掉项'] });
    } else if (problem.path === 'investmentYuan') {
      fields.push({ name: ['investmentYuan'], errors: ['项目类事项须填写投资完成额'] });
    } else if (problem.path === 'workVolume') {
      fields.push({ name: ['workVolume'], errors: ['项目类事项须填写完成工作量'] });
    }
  }
  if (previousPercent !== undefined && submission.percentComplete < previousPercent && !submission.difficulties) {
    fields.push({ name: ['difficulties'], errors: [`进展低于本单位上次报送的 ${previousPercent}%，须说明困难和问题`] });
  }
  return fields;
}
