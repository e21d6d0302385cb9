/**
 * `npm run job -- NAME [--time ISO] [--dry-run] [--office ID]`: runs one scheduled job's handler, in
 * this process, against the running local system (`npm start`), with the
 * event EventBridge Scheduler would send: `{ time, job }`.
 *
 * --time: an instant with an offset (2026-11-30T09:00:00+08:00, …Z); a time
 * without offset is read in the job's time zone (Asia/Shanghai); a date alone
 * means that day at the job's scheduled time. Default: now.
 * --office: for that office only (by default the job runs for every office of the tree, each in turn).
 * --dry-run: the job computes everything and prints what it would send and issue (summary.dryRun), writing nothing.
 * The summary (functions/jobs/job-summary.ts) is printed once, as JSON on stdout; the job's warnings and
 * errors go to stderr. Its info log line, which repeats the summary in the Lambda logs, is left out here.
 */
import './local/quiet-sdk-warning.mjs';
import { parseArgs } from 'node:util';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { zonedTime } from '../functions/jobs/job-summary';
import { jobNames, schedules } from '../functions/jobs/schedules';
import { applyLocalAwsEnv, localAwsEnv, localConsoleUrl, localSettings, LOCAL_TABLE_NAME, PORT_ENV } from './local/defaults';
import { localDynamoDbClient } from './local/dynamodb';
import { eventTime, isJobName, jobInstant, runJob } from './local/jobs';

const USAGE = `Usage: npm run job -- NAME [--time ISO] [--dry-run] [--office ID]
  NAME    one of: ${jobNames.join(', ')}
  --time  the instant the job runs as of (default now), e.g.
            2026-11-30T09:00:00+08:00   an instant
            2026-11-30T09:00            read in the job's time zone (Asia/Shanghai)
            2026-11-30                  that day, at the job's scheduled time
  --dry-run  compute and print what the run would send and issue; write nothing
             (no notice, 文号, sent-marker, mark, history, seal or mail).
             Without it a --time in the future issues REAL notices dated that day, which the assessment counts.
  --office   run for this office only (root, hanbin…; GET /offices lists them); default every office, each in turn
Runs against the local system started by npm start (DYNAMODB_PORT, SES_PORT).`;

function fail(message: string, code = 2): never {
  console.error(`npm run job: ${message}\n\n${USAGE}`);
  process.exit(code);
}

async function main() {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: {
        time: { type: 'string'; short: 't' };
        'dry-run': { type: 'boolean' };
        office: { type: 'string' };
        help: { type: 'boolean'; short: 'h' };
      };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      options: {
        time: { type: 'string', short: 't' },
        'dry-run': { type: 'boolean' },
        office: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    fail((error as Error).message);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return;
  }
  const [name, ...extra] = parsed.positionals;
  if (!name) fail('which job? Give its name');
  if (extra.length > 0) fail(`unexpected arguments: ${extra.join(' ')}`);
  if (!isJobName(name)) fail(`unknown job "${name}"; the jobs are: ${jobNames.join(', ')}`);
  const schedule = schedules.find((s) => s.name === name)!;

  let instant: Date;
  try {
    instant = jobInstant(parsed.values.time, schedule);
  } catch (error) {
    fail(`${(error as Error).message}; the jobs are: ${jobNames.join(', ')}`);
  }

  let settings: ReturnType<typeof localSettings>;
  try {
    settings = localSettings();
  } catch (error) {
    fail((error as Error).message);
  }
  const env = localAwsEnv({
    dynamodbEndpoint: `http://127.0.0.1:${settings.dynamodbPort}`,
    sesUrl: `http://127.0.0.1:${settings.sesPort}`,
    // The mail's links lead to the console of the system on PORT (or CONSOLE_URL).
    consoleUrl: localConsoleUrl(settings.host, settings.port, settings.consoleUrl),
    tableName: process.env.LEDGER_TABLE_NAME || LOCAL_TABLE_NAME,
    mailSender: process.env.MAIL_SENDER || undefined,
  });
  applyLocalAwsEnv(env);

  // Is the local system there? A clear word beats an SDK stack trace.
  const client = localDynamoDbClient(env.AWS_ENDPOINT_URL_DYNAMODB!);
  try {
    await client.send(new DescribeTableCommand({ TableName: env.LEDGER_TABLE_NAME }), { abortSignal: AbortSignal.timeout(5000) });
  } catch (error) {
    const what = (error as Error).name === 'ResourceNotFoundException' ? `has no table ${env.LEDGER_TABLE_NAME}` : 'is not answering';
    fail(
      `DynamoDB Local on port ${settings.dynamodbPort} ${what}. Start the local system first (npm start), or set ${PORT_ENV.dynamodbPort}.`,
      1,
    );
  } finally {
    client.destroy();
  }
  try {
    await fetch(`${env.AWS_ENDPOINT_URL_SESV2}/health-check`, { signal: AbortSignal.timeout(3000) });
  } catch {
    fail(
      `the SES emulator on port ${settings.sesPort} is not answering. Start the local system first (npm start), or set ${PORT_ENV.sesPort}.`,
      1,
    );
  }

  // Keep stdout for the summary alone: the job's own logs (console, Powertools) go to stderr meanwhile, from
  // warnings up (set before the handler, and with it the logger, is loaded).
  process.env.POWERTOOLS_LOG_LEVEL ||= 'WARN';
  const writeStdout = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  const dryRun = parsed.values['dry-run'] === true;
  console.error(
    `${dryRun ? 'Dry run (writes nothing) of' : 'Running'} ${name} as of ${zonedTime(instant)} (${eventTime(instant)}) against ${env.AWS_ENDPOINT_URL_DYNAMODB} …`,
  );
  if (!dryRun && instant.getTime() > Date.now() + 60_000)
    console.error(
      `Warning: ${zonedTime(instant)} is in the future. This real run writes notices and marks dated that day, which the assessment counts; --dry-run only shows them.`,
    );
  const started = Date.now();
  let summary: unknown;
  try {
    summary = await runJob(name, instant, { dryRun, office: parsed.values.office });
  } catch (error) {
    process.stdout.write = writeStdout;
    console.error(`npm run job: ${name} failed after ${Date.now() - started} ms:`, error);
    process.exit(1);
  }
  process.stdout.write = writeStdout;
  console.error(`${name} done in ${Date.now() - started} ms`);
  writeStdout(`${JSON.stringify(summary ?? null, null, 2)}\n`);
}

await main();
process.exit(0);
