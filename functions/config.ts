/**
 * The environment variables the handlers and adapters read; use cases never
 * read the environment. Each is read once per container: the jobs' day
 * settings when their handler module loads (cold start), the table name and
 * the mail sender on first use (ledger(), SesMailer), then kept.
 */
export const ENV = {
  /** The ledger table's name. */
  tableName: 'LEDGER_TABLE_NAME',
  /** The private bucket of attachments (附件). */
  attachmentsBucket: 'ATTACHMENTS_BUCKET',
  /** The SES identity emails are sent from. */
  mailSender: 'MAIL_SENDER',
  /** Days before a deadline or report date that units are reminded, e.g. "3,1,0". */
  reminderDays: 'REMINDER_DAYS',
  /** Days late before a warned unit is criticised in a notice. */
  graceDays: 'GRACE_DAYS',
} as const;

/** A list of whole days from the environment, or the default; a bad value stops the cold start. */
export function daysFromEnv(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const days = raw.split(',').map((d) => Number(d.trim()));
  if (days.some((d) => !Number.isInteger(d) || d < 0 || d > 365))
    throw new Error(`${name}=${raw}: expected whole days 0-365, comma-separated`);
  return days;
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}
