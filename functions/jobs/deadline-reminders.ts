import { daysFromEnv, ENV } from '../config';
import { DEFAULT_REMINDER_DAYS, sendDeadlineReminders } from '../use-cases/jobs/deadline-reminders';
import { runJob } from './run-job';
import { jobDeps } from './wiring';

const days = daysFromEnv(ENV.reminderDays, DEFAULT_REMINDER_DAYS);

export const handler = runJob('deadline-reminders', (now) => sendDeadlineReminders(jobDeps(), now, days));
