/**
 * The environment variables the handlers and adapters read; use cases never
 * read the environment. The jobs' day settings are read when their handler
 * module loads (cold start), the mail sender on first use (SesMailer), then
 * kept; the table's name on each use (ledger()).
 */
export const ENV = {
  /** The ledger table's name. */
  tableName: 'LEDGER_TABLE_NAME',
  /**
   * In AWS, for the HTTP functions: the role a request below the root office assumes, tagged with its reach, whose
   * dynamodb:LeadingKeys condition holds it to that subtree (lib/office-access.ts). Unset: the function's own role.
   */
  officeAccessRole: 'OFFICE_ACCESS_ROLE_ARN',
  /** The private bucket of attachments (附件). */
  attachmentsBucket: 'ATTACHMENTS_BUCKET',
  /** The SES identity emails are sent from. */
  mailSender: 'MAIL_SENDER',
  /** The SES configuration set every mail carries (its EventBridge destination reports deliveries and bounces); optional. */
  mailConfigurationSet: 'MAIL_CONFIGURATION_SET',
  /** Days before a deadline or report date that units are reminded, e.g. "3,1,0". */
  reminderDays: 'REMINDER_DAYS',
  /** Days late before a warned unit is criticised in a notice. */
  graceDays: 'GRACE_DAYS',
  /** The S3 bucket (Object Lock, compliance mode) the daily seal's copy is written to, in AWS. */
  sealBucket: 'SEAL_BUCKET',
  /** A folder the daily seal's copy is written to, on one machine (optional). */
  sealDir: 'SEAL_DIR',
  /** What the grace period counts: `working` days (the default) or `calendar` days. */
  graceIn: 'GRACE_IN',
  /** The web console's address (…/console/): the links in mail start with it. */
  consoleUrl: 'CONSOLE_URL',
  /**
   * Where the public routes are published (https://ducha.example.gov.cn, or API Gateway's stage URL): the Atom
   * feed's id and links are built from it alone, never from a request's headers. Required by the public handler.
   */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** The 文号 prefix of notices: 安督通 gives 安督通〔2026〕12号. */
  noticeNumberPrefix: 'NOTICE_NUMBER_PREFIX',
  /** Mails a second the SES account may send (its maximum send rate); every mailing function keeps to it. */
  mailSendRate: 'MAIL_SEND_RATE',
  /** `lambda` in AWS: a scheduled job starts one invocation per office of the tree (jobs/run-job.ts). */
  jobFanOut: 'JOB_FAN_OUT',
  /** The weight, 0 to 1, of a government's own office's supervision in its yearly assessment (一级抓一级). */
  supervisionWeight: 'SUPERVISION_WEIGHT',
  /** The weight, 0 to 1, of 报送内容 (the share of a unit's reports the content rules found nothing in) in its assessment. */
  reportQualityWeight: 'REPORT_QUALITY_WEIGHT',
} as const;

/** A weight of the assessment from its variable, or the default; anything but a number from 0 to 1 stops the cold start. */
function weightFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const weight = Number(raw);
  if (!Number.isFinite(weight) || weight < 0 || weight > 1) throw new Error(`${name}=${raw}: expected a weight from 0 to 1`);
  return weight;
}

/** SUPERVISION_WEIGHT, or the default. */
export const supervisionWeightFromEnv = (fallback: number): number => weightFromEnv(ENV.supervisionWeight, fallback);

/** REPORT_QUALITY_WEIGHT, or the default. */
export const reportQualityWeightFromEnv = (fallback: number): number => weightFromEnv(ENV.reportQualityWeight, fallback);

/** SES's maximum send rate of a new production account, per second: the default of MAIL_SEND_RATE. */
export const DEFAULT_MAIL_SEND_RATE = 14;

/** A send rate SES could grant: whole mails a second, 1 to 10,000 (the stack's setting and the cold start check it alike). */
export const isSendRate = (rate: number): boolean => Number.isInteger(rate) && rate >= 1 && rate <= 10_000;

/** MAIL_SEND_RATE, or the default; a value that is not a send rate (isSendRate) stops the cold start. */
export function sendRateFromEnv(): number {
  const raw = process.env[ENV.mailSendRate];
  if (raw === undefined || raw.trim() === '') return DEFAULT_MAIL_SEND_RATE;
  const rate = Number(raw);
  if (!isSendRate(rate)) throw new Error(`${ENV.mailSendRate}=${raw}: expected mails a second, 1-10000`);
  return rate;
}

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

/** What the grace period counts, from GRACE_IN: working days unless it says `calendar`; anything else stops the cold start. */
export function graceUnitFromEnv(): 'working' | 'calendar' {
  const raw = process.env[ENV.graceIn]?.trim();
  if (!raw || raw === 'working') return 'working';
  if (raw === 'calendar') return 'calendar';
  throw new Error(`${ENV.graceIn}=${raw}: expected working or calendar`);
}
