import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** What a migration works with: the table's client and name, told explicitly (the local start runs before the handlers' env is set). */
export interface MigrationContext {
  client: DynamoDBClient;
  tableName: string;
  log: (line: string) => void;
}

/**
 * One numbered change to the records of the ledger, for records written before the change. `up` must be
 * safe to run again (a run that dies half-way is run again from the start): it rewrites what is still in
 * the old shape and leaves what is already in the new one.
 */
export interface Migration {
  /** 1, 2, 3… in the order they run; the table's meta record holds the last one applied. */
  version: number;
  name: string;
  up(context: MigrationContext): Promise<void>;
}
