/**
 * `npm run mail-event -- bounce|delivery|complaint EMAIL`: what SES would report of the latest mail sent to EMAIL,
 * injected into the mail-events handler with the event EventBridge delivers (scripts/local/mail-events.ts), against
 * the running local system (`npm start`). The SES emulator cannot bounce or deliver; this stands in for it.
 */
import './local/quiet-sdk-warning.mjs';
import { applyLocalAwsEnv, localAwsEnv, localSettings, LOCAL_TABLE_NAME } from './local/defaults';

const localMailEventKinds = ['bounce', 'delivery', 'complaint'] as const;
type LocalMailEventKind = (typeof localMailEventKinds)[number];

const USAGE = `Usage: npm run mail-event -- ${localMailEventKinds.join('|')} EMAIL
  bounce     a hard bounce (Permanent): the address becomes undeliverable on every unit that has it
  delivery   delivered: a notice's page shows the unit as told
  complaint  the recipient marked the mail as spam: recorded on the mail
Acts on the latest mail sent to EMAIL, in the local system started by npm start (DYNAMODB_PORT).`;

function fail(message: string, code = 2): never {
  console.error(`npm run mail-event: ${message}\n\n${USAGE}`);
  process.exit(code);
}

const [kind, address, ...extra] = process.argv.slice(2);
if (kind === '--help' || kind === '-h') {
  console.log(USAGE);
  process.exit(0);
}
if (!(kind && (localMailEventKinds as readonly string[]).includes(kind))) fail(`the event is one of ${localMailEventKinds.join(', ')}`);
if (!address?.includes('@')) fail('which address? Give the recipient of a sent mail');
if (extra.length > 0) fail(`unexpected arguments: ${extra.join(' ')}`);

const settings = localSettings();
applyLocalAwsEnv(
  localAwsEnv({
    dynamodbEndpoint: `http://127.0.0.1:${settings.dynamodbPort}`,
    sesUrl: `http://127.0.0.1:${settings.sesPort}`,
    tableName: process.env.LEDGER_TABLE_NAME || LOCAL_TABLE_NAME,
  }),
);
// Keep stdout for the outcome alone: the handler's own info line is left out (set before the logger is loaded).
process.env.POWERTOOLS_LOG_LEVEL ||= 'WARN';
const { injectMailEvent } = await import('./local/mail-events');
const injected = await injectMailEvent(kind as LocalMailEventKind, address);
if (!injected) fail(`no mail was sent to ${address} in the local ledger`, 1);
console.log(JSON.stringify({ detailType: injected.event['detail-type'], ...injected.outcome }, null, 2));
