import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { describe, expect, it } from 'vitest';
import { schedules } from '../../functions/jobs/schedules';
import { parseAwsCron } from '../../lib/aws-cron';

describe('parseAwsCron', () => {
  it('reads minute, hour, day of month, month and year, leaving out the "?" day of week', () => {
    expect(parseAwsCron('0 9 * * ? *')).toEqual({ minute: '0', hour: '9', day: '*', month: '*', year: '*' });
  });

  it('reads a day of week, leaving out the "?" day of month', () => {
    expect(parseAwsCron('30 8 ? * MON *')).toEqual({ minute: '30', hour: '8', weekDay: 'MON', month: '*', year: '*' });
  });

  it('keeps lists, ranges and steps as written', () => {
    expect(parseAwsCron('0/15 8-18 ? 1,7 MON-FRI 2026')).toEqual({
      minute: '0/15',
      hour: '8-18',
      weekDay: 'MON-FRI',
      month: '1,7',
      year: '2026',
    });
  });

  it.each(schedules)('renders $name back to the same AWS expression', ({ cron }) => {
    expect(ScheduleExpression.cron(parseAwsCron(cron)).expressionString).toBe(`cron(${cron})`);
  });

  it.each([
    ['five fields (no year)', '0 9 * * ?'],
    ['seven fields (seconds first, croner style)', '0 0 9 * * ? *'],
    ['neither day field is "?"', '0 9 * * MON *'],
    ['both day fields are "?"', '0 9 ? * ? *'],
    ['"?" outside the day fields', '? 9 * * ? *'],
  ])('refuses %s', (_, cron) => {
    expect(() => parseAwsCron(cron)).toThrow();
  });
});
