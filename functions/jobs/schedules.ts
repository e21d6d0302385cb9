/**
 * The four scheduled jobs of docs/design.md, declared once: the CDK stack makes an
 * EventBridge Scheduler schedule of each, and the local scheduler fires the
 * same expressions in the same time zone. `cron` is in AWS's six-field form
 * (minutes hours day-of-month month day-of-week year).
 */
export type JobName = 'deadline-reminders' | 'overdue-escalation' | 'rectification-check' | 'weekly-digest';

export interface JobSchedule {
  name: JobName;
  cron: string;
  timeZone: string;
  description: string;
}

export const SUPERVISION_TIME_ZONE = 'Asia/Shanghai';

export const schedules: readonly JobSchedule[] = [
  {
    name: 'deadline-reminders',
    cron: '0 9 * * ? *',
    timeZone: SUPERVISION_TIME_ZONE,
    description: '提醒: items, milestones and periodic reports coming due, one digest per unit',
  },
  {
    name: 'overdue-escalation',
    cron: '30 9 * * ? *',
    timeZone: SUPERVISION_TIME_ZONE,
    description: '预警 and 通报批评: late items and missing reports',
  },
  {
    name: 'rectification-check',
    cron: '0 10 * * ? *',
    timeZone: SUPERVISION_TIME_ZONE,
    description: '整改督办: notices whose one-week rectification is overdue',
  },
  {
    name: 'weekly-digest',
    cron: '30 8 ? * MON *',
    timeZone: SUPERVISION_TIME_ZONE,
    description: 'the ledger overview to leaders and the office',
  },
];

export const jobNames: readonly JobName[] = schedules.map((s) => s.name);
