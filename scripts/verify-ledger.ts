/**
 * `npm run verify-ledger [-- --endpoint URL] [--table NAME] [--seal-dir DIR | --seal-bucket NAME] [--lang en]`:
 * recomputes every item's hash chain and every seal of the ledger (domain/ledger-chain.ts) and prints each
 * event or seal that does not match, with the expected and the stored hash; with an archive (a folder of
 * copies, as SEAL_DIR makes them locally, or the Object Lock bucket in AWS; SEAL_DIR / SEAL_BUCKET are read
 * too) it also compares each seal with its copies. Exit status 1 when anything does not match. By default
 * it reads the DynamoDB Local of `npm start` (DYNAMODB_PORT); --endpoint and --table name another
 * (credentials and region then come from the usual AWS variables when the endpoint is not local).
 */
import './local/quiet-sdk-warning.mjs';
import { parseArgs } from 'node:util';
import { ENV } from '../functions/config';
import { DynamoLedgerChain } from '../functions/adapters/dynamodb/ledger-chain';
import { S3SealArchive } from '../functions/adapters/s3/seal-archive';
import { FileSealArchive } from '../functions/adapters/seal-archive';
import { render, type Language } from '../functions/messages/message';
import { archiveFindingMessage, eventFindingMessage, sealFindingMessage, verifyLedger } from '../functions/use-cases/ledger';
import { applyLocalAwsEnv, LOCAL_TABLE_NAME, localAwsEnv, localSettings } from './local/defaults';

const { values } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    table: { type: 'string' },
    'seal-dir': { type: 'string' },
    'seal-bucket': { type: 'string' },
    lang: { type: 'string', default: 'zh' },
  },
});
const sealDir = values['seal-dir'] ?? process.env[ENV.sealDir];
const sealBucket = values['seal-bucket'] ?? process.env[ENV.sealBucket];
const copies = sealBucket ? new S3SealArchive(sealBucket) : sealDir ? new FileSealArchive(sealDir) : undefined;
const language: Language = values.lang === 'en' ? 'en' : 'zh';
const endpoint = values.endpoint ?? `http://127.0.0.1:${localSettings().dynamodbPort}`;
const local = /^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(endpoint);
if (local) {
  applyLocalAwsEnv(localAwsEnv({ dynamodbEndpoint: endpoint, sesUrl: 'http://127.0.0.1:0', tableName: values.table ?? LOCAL_TABLE_NAME }));
} else {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
  if (values.table) process.env.LEDGER_TABLE_NAME = values.table;
}

try {
  const result = await verifyLedger(new DynamoLedgerChain(), copies);
  const lines = [
    ...result.eventFindings.map((f) => render(eventFindingMessage(f), language)),
    ...result.sealFindings.map((f) => render(sealFindingMessage(f), language)),
    ...(result.archiveFindings ?? []).map((f) => render(archiveFindingMessage(f), language)),
  ];
  for (const line of lines) console.log(line);
  const found = lines.length;
  console.log(
    render(found === 0 ? { key: 'ledger.intact', params: result } : { key: 'ledger.broken', params: { findings: found } }, language),
  );
  if (!copies) console.log(render({ key: 'ledger.archive-not-compared', params: {} }, language));
  process.exitCode = found === 0 ? 0 : 1;
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(
    `verify-ledger could not read the ledger at ${endpoint}: ${reason}\nIs the local system running? Start it with \`npm start\`.`,
  );
  process.exitCode = 2;
}
