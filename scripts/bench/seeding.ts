/**
 * What the benchmarks that fill a ledger share: a seeded random generator
 * (the same ledger every run) and a batched writer for DynamoDB Local.
 */
import { BatchWriteItemCommand, DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { newUnit, type Unit } from '../../functions/domain/units';
import { applyLocalAwsEnv, LOCAL_REGION, LOCAL_TABLE_NAME, localAwsEnv } from '../local/defaults';
import { ensureLedgerTable, startDynamoDbLocal } from '../local/dynamodb';
import { freePort } from '../local/ports';
import { startSesEmulator } from '../local/ses';

/** A small seeded PRNG (mulberry32): the same ledger every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (from: number, to: number) => from + Math.floor(next() * (to - from + 1));
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  return { next, int, pick };
}

/** BatchWriteItem, 25 puts a request, `concurrency` requests in flight, unprocessed items asked again with backoff. */
export async function batchWrite(
  client: DynamoDBClient,
  tableName: string,
  requests: Iterator<WriteRequest>,
  concurrency: number,
): Promise<number> {
  let written = 0;
  let done = false;
  const take = () => {
    const batch: WriteRequest[] = [];
    while (!done && batch.length < 25) {
      const next = requests.next();
      if (next.done) done = true;
      else batch.push(next.value);
    }
    return batch;
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let batch = take(); batch.length > 0; batch = take()) {
        let pending = batch;
        for (let attempt = 0; pending.length > 0; attempt += 1) {
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
          const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
          const unprocessed = out.UnprocessedItems?.[tableName] ?? [];
          written += pending.length - unprocessed.length;
          pending = unprocessed;
        }
      }
    }),
  );
  return written;
}

/** A city's units: counties and departments, the office and the leaders, each with two contacts. */
export function seedUnits(now: Date, counties: number, departments: number): Unit[] {
  const contacts = (id: string) => [
    { name: '负责人', email: `${id}-head@example.gov.cn`, role: 'head' as const },
    { name: '联络员', email: `${id}-liaison@example.gov.cn`, role: 'liaison' as const },
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  return [
    ...Array.from({ length: counties }, (_, i) => ({
      id: `county-${pad(i + 1)}`,
      name: `第${i + 1}区县人民政府`,
      kind: 'county' as const,
    })),
    ...Array.from({ length: departments }, (_, i) => ({
      id: `dept-${pad(i + 1)}`,
      name: `市第${i + 1}委办局`,
      kind: 'department' as const,
    })),
    { id: 'office', name: '市政府督查室', kind: 'office' as const },
    { id: 'leadership', name: '市政府领导', kind: 'leadership' as const },
  ].map((u) => newUnit({ ...u, contacts: contacts(u.id) }, now));
}

/**
 * A ledger table of its own for a bench that fills one: DynamoDB Local on a free port (and the SES emulator when the
 * bench sends mail), the handlers' AWS settings pointed at them, and a client for seeding. `stop` ends both.
 */
export async function benchLedger(options: { mail: boolean }): Promise<{
  tableName: string;
  client: DynamoDBClient;
  sesUrl: string;
  stop: () => Promise<void>;
}> {
  const tableName = LOCAL_TABLE_NAME;
  const [db, ses] = await Promise.all([
    startDynamoDbLocal({ port: await freePort() }),
    options.mail ? startSesEmulator({ port: 0 }) : undefined,
  ]);
  const stop = async () => {
    await Promise.allSettled([ses?.stop(), db.stop()]);
  };
  try {
    await ensureLedgerTable(db.endpoint, tableName);
    // Without mail, an address nothing answers: a send the bench did not mean to make fails at once.
    const sesUrl = ses?.url ?? 'http://127.0.0.1:9';
    applyLocalAwsEnv(localAwsEnv({ dynamodbEndpoint: db.endpoint, sesUrl, tableName }));
    const client = new DynamoDBClient({
      endpoint: db.endpoint,
      region: LOCAL_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 10,
    });
    return {
      tableName,
      client,
      sesUrl,
      stop: async () => {
        client.destroy();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
