/**
 * The ledger table's stream, locally: what Lambda's event source mapping does in AWS, done by polling
 * DynamoDB Local's own Streams API (it implements DescribeStream, GetShardIterator and GetRecords). Each
 * batch of records is handed, in order and shaped as Lambda delivers it, to the same handler the stack
 * deploys (functions/stream/ledger-stream.ts). A record the handler names as failed is delivered again from
 * there, up to MAX_DELIVERIES times; then, like the mapping's on-failure destination, it is logged and
 * passed over.
 *
 * `settle()` is how a test (or a script) waits for the consequences of what it wrote: it polls at once,
 * until a whole pass over the stream finds nothing new, so it never guesses a time.
 */
import type { AttributeValue as SdkValue } from '@aws-sdk/client-dynamodb';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { isFollowed } from '../../functions/stream/filters';
import { requestsInFlight } from './busy';
import { LOCAL_REGION } from './defaults';
import { localDynamoDbClient } from './dynamodb';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

/** As many records as the stack's event source mapping hands over at once (lib/ledger-stream.ts). */
export const BATCH_SIZE = 100;
/** Deliveries of a failing record before it is passed over (the stack: retryAttempts + 1). */
export const MAX_DELIVERIES = 3;
/** Idle polling slows down to this; a record seen brings it back to the fastest. */
const IDLE_MAX_MS = 400;
const IDLE_MIN_MS = 25;
/** How long the background loop lets requests in flight go first before it reads the stream all the same. */
const YIELD_MAX_MS = 1_000;

interface Shard {
  id: string;
  iterator?: string;
  /** The last sequence number handed to the handler and done. */
  done?: string;
  closed: boolean;
}

export interface StreamPoller {
  /** Resolves once every record written before the call has been followed (or passed over after its retries). */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A stream value as Lambda's JSON event carries it: bytes as base64 text. */
function lambdaValue(value: SdkValue): AttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: lambdaImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(lambdaValue) };
  // DynamoDB Local's GetRecords gives an empty map as `{}` (no type at all); Lambda's event says `{"M":{}}`.
  if (Object.values(value).every((v) => v === undefined)) return { M: {} };
  return value as AttributeValue;
}
const lambdaImage = (image: Record<string, SdkValue>) => Object.fromEntries(Object.entries(image).map(([n, v]) => [n, lambdaValue(v)]));

function lambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: LOCAL_REGION,
    eventSourceARN: streamArn,
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
    dynamodb: {
      ...(d.ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(d.ApproximateCreationDateTime.getTime() / 1000) } : {}),
      ...(d.Keys ? { Keys: lambdaImage(d.Keys as Record<string, SdkValue>) } : {}),
      ...(d.NewImage ? { NewImage: lambdaImage(d.NewImage as Record<string, SdkValue>) } : {}),
      ...(d.OldImage ? { OldImage: lambdaImage(d.OldImage as Record<string, SdkValue>) } : {}),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
  };
}

const isGone = (error: unknown) =>
  ['ExpiredIteratorException', 'TrimmedDataAccessException', 'ResourceNotFoundException'].includes((error as Error).name);

export function startStreamPoller(options: {
  endpoint: string;
  /** The table followed, asked before each pass: a test worker moves to a new table with each file. */
  tableName: () => string;
  handler: StreamHandler;
  log: (line: string) => void;
}): StreamPoller {
  const tables = localDynamoDbClient(options.endpoint);
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
  let followed: { tableName: string; streamArn: string; shards: Map<string, Shard> } | undefined;
  const deliveries = new Map<string, number>();

  async function stream() {
    const tableName = options.tableName();
    if (followed?.tableName === tableName) return followed;
    const table = (await tables.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    const streamArn = table?.LatestStreamArn;
    if (!streamArn) throw new Error(`The table ${tableName} has no stream: it was made before streams were enabled (npm start enables it)`);
    followed = { tableName, streamArn, shards: new Map() };
    deliveries.clear();
    return followed;
  }

  async function iterator(streamArn: string, shard: Shard): Promise<string | undefined> {
    const type: ShardIteratorType = shard.done ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON';
    const out = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.id, ShardIteratorType: type, SequenceNumber: shard.done }),
    );
    return out.ShardIterator;
  }

  /**
   * Reads every open shard until it has nothing new; the number of records handed to the follower. A pass that
   * hands none has followed everything written before it began (what it read and passed over leads nowhere).
   */
  async function pass(): Promise<number> {
    const { streamArn, shards } = await stream();
    let handed = 0;
    // The shards are asked for only at the start and when one closed (its children take over), not every pass.
    let describe = ![...shards.values()].some((s) => !s.closed);
    for (;;) {
      if (describe) {
        const description = (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription;
        for (const s of description?.Shards ?? [])
          if (s.ShardId && !shards.has(s.ShardId)) shards.set(s.ShardId, { id: s.ShardId, closed: false });
      }
      let closedOne = false;
      for (const shard of [...shards.values()].filter((s) => !s.closed)) {
        handed += await readShard(streamArn, shard);
        if (shard.closed) closedOne = true;
      }
      if (!closedOne) return handed;
      describe = true;
    }
  }

  async function readShard(streamArn: string, shard: Shard): Promise<number> {
    let handed = 0;
    for (;;) {
      shard.iterator ??= await iterator(streamArn, shard);
      if (!shard.iterator) {
        shard.closed = true;
        return handed;
      }
      let out: GetRecordsCommandOutput;
      try {
        out = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: BATCH_SIZE }));
      } catch (error) {
        if (!isGone(error)) throw error;
        shard.iterator = undefined;
        continue;
      }
      const records = out.Records ?? [];
      if (records.length === 0) {
        shard.iterator = out.NextShardIterator;
        if (!shard.iterator) shard.closed = true;
        return handed;
      }
      // As the stack's filters do (functions/stream/filters.ts): the follower is handed only what leads somewhere.
      const followed = records.filter((r) =>
        isFollowed(r.eventName, { NewImage: r.dynamodb?.NewImage?.entity?.S, OldImage: r.dynamodb?.OldImage?.entity?.S }),
      );
      const event = { Records: followed.map((r) => lambdaRecord(r, streamArn)) };
      handed += followed.length;
      const failed = followed.length === 0 ? undefined : (await options.handler(event)).batchItemFailures[0]?.itemIdentifier;
      if (failed === undefined) {
        shard.done = records.at(-1)?.dynamodb?.SequenceNumber;
        shard.iterator = out.NextShardIterator;
        if (!shard.iterator) {
          shard.closed = true;
          return handed;
        }
        continue;
      }
      // Done up to the record before the failed one; the failed one again, unless it has had its deliveries.
      const at = records.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
      shard.done = at > 0 ? records[at - 1]?.dynamodb?.SequenceNumber : shard.done;
      const times = (deliveries.get(failed) ?? 0) + 1;
      deliveries.set(failed, times);
      if (times >= MAX_DELIVERIES) {
        options.log(`Ledger stream: record ${failed} failed ${times} times and is passed over (in AWS: the failure queue and its alarm)`);
        shard.done = failed;
        deliveries.delete(failed);
      }
      shard.iterator = undefined;
    }
  }

  // One pass at a time: the background loop and settle() share the shards' iterators.
  let running: Promise<unknown> = Promise.resolve();
  const locked = <T>(work: () => Promise<T>): Promise<T> => {
    const next = running.then(work, work);
    running = next.catch(() => undefined);
    return next;
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let idleMs = IDLE_MIN_MS;
  let yieldedSince: number | undefined;
  const loop = () => {
    if (stopped) return;
    // Requests in flight go first (busy.ts), for at most YIELD_MAX_MS at a time, so that the stream still moves.
    const now = Date.now();
    if (requestsInFlight() > 0) yieldedSince ??= now;
    if (requestsInFlight() > 0 && now - (yieldedSince ?? now) < YIELD_MAX_MS) {
      timer = setTimeout(loop, IDLE_MIN_MS);
      return;
    }
    yieldedSince = undefined;
    locked(pass)
      .then(
        (handed) => {
          idleMs = handed > 0 ? IDLE_MIN_MS : Math.min(IDLE_MAX_MS, idleMs * 2);
        },
        (error: Error) => {
          idleMs = IDLE_MAX_MS;
          // A table being made or dropped between test files, or DynamoDB Local busy: the next pass tries again.
          if (!isGone(error)) options.log(`Ledger stream: ${error.name}: ${error.message}`);
          followed = undefined;
        },
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, idleMs);
      });
  };
  loop();

  return {
    async settle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while ((await locked(pass)) > 0) {
        if (Date.now() > deadline) throw new Error(`The ledger stream was still delivering after ${timeoutMs} ms`);
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      streams.destroy();
      tables.destroy();
    },
  };
}
