/**
 * A test file's own ledger on its worker's local system (integration and browser setup-env.ts): the worker's first
 * file starts the system (its modules, SES emulator, S3 server and local API, kept for the next files, as a Lambda
 * container keeps its modules); every later file gets a table of its own on it, named in this worker's process.env
 * (the handlers read the table's name on each use), and an empty mail store. The files of one worker run one after
 * another, so no two files running at once share a table, a mail store or a queue.
 */
import { randomUUID } from 'node:crypto';
import { ENV } from '../functions/config';
import { prepareLedgerTable, type LocalSystem } from '../scripts/local/system';
import { setFileSystem } from './integration/file-system';
import { clearMail } from './integration/support';
import { untilAnswering, workerEndpoint } from './run-dynamodb';

const log = (line: string) => console.error(line);

export async function fileLedger(
  tier: string,
  endpoints: readonly string[],
  start: (options: { dynamodbEndpoint: string; tableName: string; log: (line: string) => void }) => Promise<LocalSystem>,
): Promise<{ tableName: string }> {
  const key = Symbol.for(`ducha.tests.${tier}.workerSystem`);
  const holder = globalThis as { [key: symbol]: Promise<LocalSystem> | undefined };
  const tableName = `${tier}-${randomUUID().slice(0, 8)}`;
  const first = holder[key] === undefined;
  if (first) {
    const dynamodbEndpoint = workerEndpoint(endpoints);
    holder[key] = untilAnswering(dynamodbEndpoint).then(() => start({ dynamodbEndpoint, tableName, log }));
  }
  const worker = await (holder[key] as Promise<LocalSystem>);
  setFileSystem({ ...worker, tableName, env: { ...worker.env, [ENV.tableName]: tableName } });
  if (!first) {
    await prepareLedgerTable(worker.dynamodbEndpoint, tableName, log);
    process.env[ENV.tableName] = tableName;
    await clearMail();
  }
  return { tableName };
}
