/**
 * One more local API process on a system that is already running (scripts/local/serve-child.ts): the same
 * handlers, the same DynamoDB Local and table, its own modules and memory — as one more Lambda container is. For
 * the benchmarks that ask what writers in separate containers do to one another (issue 20, item 5). It serves the
 * API only: the system's own process keeps the stream's follower. Prints one JSON line when ready; stops on SIGTERM.
 *   node --import tsx scripts/local/serve-api.ts --dynamodb URL --table NAME --jwt-secret SECRET
 */
import { parseArgs } from 'node:util';
import { applyLocalAwsEnv, localAwsEnv } from './defaults';
import { startLocalApi } from './http-server';

const { values } = parseArgs({ options: { dynamodb: { type: 'string' }, table: { type: 'string' }, 'jwt-secret': { type: 'string' } } });
if (!values.dynamodb || !values.table || !values['jwt-secret']) {
  console.error('serve-api: give --dynamodb, --table and --jwt-secret');
  process.exit(2);
}
// No request sends mail or reaches the bucket in what this serves; the addresses only have to be well formed.
applyLocalAwsEnv(localAwsEnv({ dynamodbEndpoint: values.dynamodb, sesUrl: 'http://127.0.0.1:9', tableName: values.table }));
const api = await startLocalApi({ port: 0, jwtSecret: values['jwt-secret'], logRequests: false, log: (line) => console.error(line) });
console.log(JSON.stringify({ ready: true, apiUrl: api.url }));
const stop = () => void api.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
