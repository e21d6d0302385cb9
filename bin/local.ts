/**
 * `npm start`: the whole of ducha on one machine, no AWS account.
 * PORT (3000), DYNAMODB_PORT (4567), SES_PORT (8005), DATA_DIR (.data),
 * HOST (127.0.0.1), LOCAL_SCHEDULER=off to keep the jobs from firing.
 */
import '../scripts/local/quiet-sdk-warning.mjs';
import { relative } from 'node:path';
import { schedules } from '../functions/jobs/schedules';
import { localBaseUrl, localSettings } from '../scripts/local/defaults';
import { LocalSetupError } from '../scripts/local/ports';
import { upcomingLines } from '../scripts/local/scheduler';
import { startLocalSystem, type LocalSystem } from '../scripts/local/system';

const log = (line: string) => console.log(line);
const STOP_BUDGET_MS = 8000;

let settings: ReturnType<typeof localSettings>;
try {
  settings = localSettings();
} catch (error) {
  console.error(`npm start: ${(error as Error).message}`);
  process.exit(1);
}
const schedulerOn = !/^(off|false|0|no)$/i.test(process.env.LOCAL_SCHEDULER ?? '');

let system: LocalSystem | undefined;
let firstSignalAt = 0;

function shutdown(signal: NodeJS.Signals) {
  const now = Date.now();
  if (firstSignalAt) {
    // The same Ctrl-C often arrives twice (from the terminal and relayed by npm): only a later one forces.
    if (now - firstSignalAt > 1000) {
      console.error('Forced stop.');
      process.exit(130);
    }
    return;
  }
  firstSignalAt = now;
  log(`\n${signal}: stopping the local system…`);
  setTimeout(() => {
    console.error(`Not stopped after ${STOP_BUDGET_MS / 1000} s; exiting anyway (DynamoDB Local is killed on exit).`);
    process.exit(1);
  }, STOP_BUDGET_MS).unref();
  void starting.then(
    async () => {
      await system?.stop();
      log(`Stopped in ${Date.now() - firstSignalAt} ms.`);
      process.exit(0);
    },
    () => process.exit(0),
  );
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGHUP', shutdown);
// A handler's stray promise must not take the whole local system down: log it, as CloudWatch would show it.
process.on('unhandledRejection', (reason) => console.error('[local] unhandled rejection:', reason));

const starting = startLocalSystem({
  port: settings.port,
  dynamodbPort: settings.dynamodbPort,
  sesPort: settings.sesPort,
  s3Port: settings.s3Port,
  dataDir: settings.dataDir,
  host: settings.host,
  consoleUrl: settings.consoleUrl,
  scheduler: schedulerOn,
  log,
});

starting.then(
  (started) => {
    system = started;
    if (firstSignalAt) return; // stopping already
    const apiUrl = localBaseUrl(settings.host, settings.port);
    const host = new URL(apiUrl).hostname;
    const dataDir = relative(process.cwd(), settings.dataDir) || '.';
    const upcoming = started.scheduler?.upcoming() ?? [];
    const lines = [
      '',
      `ducha — local system ready in ${(started.timings.totalMs / 1000).toFixed(1)} s (DynamoDB Local ${(started.timings.dynamodbStartMs / 1000).toFixed(1)} s)`,
      '',
      `  API         ${apiUrl}              e.g. ${apiUrl}/openapi.json`,
      `  Console     ${apiUrl}/console/     sign in as any role or unit (this machine only)`,
      `  Mail page   http://${host}:${settings.sesPort}              every email the system sends`,
      `  DynamoDB    http://${host}:${settings.dynamodbPort}              table ${started.tableName}, kept in ${dataDir}/dynamodb`,
      `  S3          http://${host}:${settings.s3Port}              attachments (s3rver), kept in ${dataDir}/s3`,
      schedulerOn ? `  Scheduler   ${upcomingLines(upcoming).join('\n              ')}` : '  Scheduler   off (LOCAL_SCHEDULER=off)',
      '',
      '  A token:    TOKEN=$(npm run -s token -- --role office)        (or --role unit --unit UNIT_ID, leader, inspector)',
      `              curl -H "Authorization: Bearer $TOKEN" ${apiUrl}/items`,
      `  A job:      npm run job -- ${schedules[0]?.name ?? 'NAME'} --time 2026-11-30T09:00:00+08:00`,
      `              jobs: ${schedules.map((s) => s.name).join(', ')}`,
      '  Stop:       Ctrl-C (data stays; the next npm start finds it)',
      '',
    ];
    log(lines.join('\n'));
  },
  (error: unknown) => {
    if (firstSignalAt) {
      // Interrupted while starting: the services went down with the signal, as asked.
      log('Stopped.');
      process.exit(0);
    }
    if (error instanceof LocalSetupError) {
      console.error(`\nnpm start: ${error.message}`);
    } else {
      console.error('\nnpm start: the local system did not start:', error);
    }
    process.exit(1);
  },
);
