import type { ArchivedSeal, Seal, SealLeaf, StoredEvent } from '../domain/ledger-chain';

/** An item's chain head: its last chained event's seq and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * The tamper-evident ledger's store (adapters/dynamodb/ledger-chain.ts). The chainer is deterministic:
 * two chainers of one item write the same hashes, and each hash is written only where none is, so
 * running it again, or beside another, changes nothing.
 */
export interface LedgerChain {
  /** Hashes the item's events after its last chained one, in seq order, up to the first not yet written; the head after. */
  chain(itemId: string, now: Date): Promise<ChainHead | null>;
  /** Every stored event of the item, with its chain fields, in seq order. */
  storedEvents(itemId: string): Promise<StoredEvent[]>;
  /** The item's written-once records that its events name by digest (its reports), by id, as stored. */
  storedRecords(itemId: string): Promise<Map<string, object>>;
  /** Items whose chain head is not at their last event (the daily sweep chains them). */
  lagging(): Promise<string[]>;
  /** Every item id in the ledger. */
  itemIds(): Promise<string[]>;
  /** Chain heads that moved since they were last sealed, at most `limit`, by item id. */
  unsealedHeads(limit: number): Promise<SealLeaf[]>;
  /** Takes sealed heads out of the unsealed ones (a head that moved on meanwhile stays). */
  markSealed(leaves: readonly SealLeaf[]): Promise<void>;
  latestSeal(): Promise<Seal | null>;
  sealOfDate(date: string): Promise<Seal | null>;
  /** Stores a seal; false when one with its number or its date exists already. */
  putSeal(seal: Seal): Promise<boolean>;
  /** Every seal, in number order. */
  seals(): Promise<Seal[]>;
  /** The last `count` seals, in number order. */
  recentSeals(count: number): Promise<Seal[]>;
}

/** Where a copy of each seal is kept outside the database (S3 with Object Lock in AWS, a file locally). */
export interface SealArchive {
  put(seal: Seal): Promise<void>;
}

/** The archive read back (npm run verify-ledger): every copy it holds, in any order. */
export interface SealCopies {
  list(): Promise<ArchivedSeal[]>;
}
