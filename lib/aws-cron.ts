import type { CronOptions } from 'aws-cdk-lib/aws-events';

/**
 * Turns an AWS six-field cron string (`minute hour day-of-month month
 * day-of-week year`, as declared in functions/jobs/schedules.ts) into the
 * field options `ScheduleExpression.cron` takes.
 *
 * AWS requires exactly one of day-of-month and day-of-week to be `?`; CDK
 * wants the `?` side left out (it refuses both), so that side is omitted and
 * CDK renders the same expression back: `cron(<the input>)`.
 */
export function parseAwsCron(expression: string): CronOptions {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new Error(`AWS cron needs 6 fields (minute hour day-of-month month day-of-week year), got ${fields.length}: "${expression}"`);
  }
  const [minute, hour, day, month, weekDay, year] = fields as [string, string, string, string, string, string];
  if ((day === '?') === (weekDay === '?')) {
    throw new Error(`AWS cron needs exactly one of day-of-month and day-of-week to be "?": "${expression}"`);
  }
  if (fields.some((field, i) => field === '?' && i !== 2 && i !== 4)) {
    throw new Error(`"?" is only allowed in day-of-month or day-of-week: "${expression}"`);
  }
  return {
    minute,
    hour,
    month,
    year,
    ...(day === '?' ? { weekDay } : { day }),
  };
}
