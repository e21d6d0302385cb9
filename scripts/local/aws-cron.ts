/**
 * AWS (EventBridge) cron, read the AWS way with croner.
 *
 * croner reads cron differently from AWS — `?` means "the current value" to
 * croner, its day-of-week numbers start at 0=SUN where AWS has 1=SUN…7=SAT,
 * and it refuses AWS's `0/15` steps — so an expression given to croner as-is
 * fires at the wrong times without a word. `awsCronToCroner` translates.
 */
import { Cron } from 'croner';

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

/** Options a translated pattern must be run with: seconds + year fields, day-of-month AND day-of-week. */
export const CRONER_OPTIONS = { mode: '7-part', domAndDow: true } as const;

const FIELDS = [
  { name: 'minutes', max: 59, chars: /^[\d,\-*/]+$/ },
  { name: 'hours', max: 23, chars: /^[\d,\-*/]+$/ },
  { name: 'day-of-month', max: 31, chars: /^([\d,\-*/]+|L|LW|\d{1,2}W|\?)$/ },
  { name: 'month', max: 12, chars: /^[\dA-Z,\-*/]+$/ },
  { name: 'day-of-week', max: 7, chars: /^[\dA-Z,\-*#?]+$/ },
  { name: 'year', max: 2199, chars: /^[\d,\-*/]+$/ },
] as const;

/** AWS allows `5/15` (from 5, every 15); croner wants `5-59/15`. */
function expandStartStep(part: string, max: number): string {
  return part
    .split(',')
    .map((item) => (/^\d+\/\d+$/.test(item) ? item.replace('/', `-${max}/`) : item))
    .join(',');
}

/** AWS day-of-week numbers (1=SUN … 7=SAT) to names, which croner reads the same in every mode. */
function dayOfWeekToNames(field: string): string {
  if (field === '*' || field === '?') return '*';
  if (field === 'L') return 'SAT'; // AWS/Quartz: a lone L is the last day of the week
  const day = (token: string) => {
    if (/^\d+$/.test(token)) {
      const n = Number(token);
      if (n < 1 || n > 7) throw new Error(`day-of-week ${token} is out of range 1-7 (1=SUN … 7=SAT)`);
      return DAY_NAMES[n - 1]!;
    }
    if ((DAY_NAMES as readonly string[]).includes(token)) return token;
    throw new Error(`"${token}" is not a day of the week (1-7 or SUN-SAT)`);
  };
  return field
    .split(',')
    .map((item) => {
      let m = /^(\w+)#([1-5])$/.exec(item);
      if (m) return `${day(m[1]!)}#${m[2]}`;
      m = /^(\w+)L$/.exec(item);
      if (m) return `${day(m[1]!)}#L`;
      m = /^(\w+)-(\w+)$/.exec(item);
      if (m) return `${day(m[1]!)}-${day(m[2]!)}`;
      return day(item);
    })
    .join(',');
}

/**
 * Translates an AWS (EventBridge) cron expression — `minutes hours
 * day-of-month month day-of-week year` — into a 7-field croner pattern to be
 * run with CRONER_OPTIONS. Throws on what AWS itself would refuse.
 */
export function awsCronToCroner(expression: string): string {
  const inner = /^cron\((.*)\)$/.exec(expression.trim())?.[1] ?? expression;
  const parts = inner.trim().toUpperCase().split(/\s+/);
  if (parts.length !== 6) {
    throw new Error(`AWS cron has 6 fields (minutes hours day-of-month month day-of-week year), got ${parts.length}: "${expression}"`);
  }
  parts.forEach((part, i) => {
    const field = FIELDS[i]!;
    if (!field.chars.test(part)) throw new Error(`Invalid ${field.name} field "${part}" in "${expression}"`);
  });
  const [minutes, hours, dom, month, dow, year] = parts as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) {
    throw new Error(`AWS cron needs "?" in exactly one of day-of-month and day-of-week: "${expression}"`);
  }
  return [
    '0',
    expandStartStep(minutes, 59),
    expandStartStep(hours, 23),
    dom === '?' ? '*' : expandStartStep(dom, 31),
    expandStartStep(month, 12),
    dayOfWeekToNames(dow),
    expandStartStep(year, 2199),
  ].join(' ');
}

/** The first run strictly after `after`, read as EventBridge Scheduler would. */
export function nextRun(expression: string, timeZone: string, after: Date): Date | null {
  const cron = new Cron(awsCronToCroner(expression), { ...CRONER_OPTIONS, timezone: timeZone, paused: true });
  try {
    return cron.nextRun(after);
  } finally {
    cron.stop();
  }
}
