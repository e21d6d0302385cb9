import type { Alteration } from '../domain/ledger-alterations';
import { eachOf } from './fan-out';
import { emptyDelivery, releaseBatch, type DeliveryDeps, type DeliveryReport } from './deliver-mail';
import type { LedgerChain } from './ledger-ports';
import type { Clock, MailBatch } from './ports';

/**
 * What a committed change to the ledger leads to, as the table's stream delivers it (in AWS a Lambda event
 * source mapping, locally scripts/local/stream-poller.ts): the request wrote one transaction and answered;
 * everything after the commit happens here.
 */
export type LedgerChange =
  /** An item's history event was written (in its office's ledger): chain it. */
  | { kind: 'event-written'; office: string; itemId: string }
  /** A change's mail was written with it: send it. */
  | { kind: 'mail-written'; office: string; batch: MailBatch }
  /** A record written once was modified or removed. */
  | { kind: 'altered'; alteration: Alteration; at: Date; streamSequence: string };

/** Where alterations are kept, each once however often the stream delivers it. */
export interface AlterationLog {
  record(alteration: Alteration, at: Date, streamSequence: string): Promise<void>;
}

export interface FollowLedgerDeps {
  chain: Pick<LedgerChain, 'chain'>;
  delivery: DeliveryDeps;
  alterations: AlterationLog;
  clock: Clock;
  /** Runs a consequence inside the office whose record the stream delivered (every office shares the stream). */
  inOffice: <T>(office: string, work: () => Promise<T>) => Promise<T>;
}

/**
 * One delivery of changes from the stream, in order. Each consequence is idempotent (the chainer writes a hash
 * only where none is, a mail is claimed before it is sent, an alteration is keyed by its stream record), so a
 * delivery repeated, or resumed from a change that failed, changes nothing twice. An item is chained once per
 * delivery: the chainer walks every event committed so far, the later ones of the same delivery included.
 */
export class LedgerFollower {
  private readonly chained = new Set<string>();
  readonly mail: DeliveryReport = emptyDelivery();
  /** The alterations this delivery recorded (the handler raises them: a log line at error, a metric with an alarm). */
  readonly altered: Alteration[] = [];

  constructor(private readonly deps: FollowLedgerDeps) {}

  /**
   * A delivery's changes (undefined: a record that leads nowhere); the index of the first that failed, or
   * undefined when all were followed. Mail and alterations go one after another, in order; the items are
   * chained side by side (FAN_OUT at a time), each in its own order, since one item's chain never waits on
   * another's: a delivery of a hundred reports on ten items is ten chainings at once, not a hundred in a row.
   * A failure is the change's own index, or for a chaining the index of the item's first event in the delivery,
   * so that everything before the index returned has been followed and everything from it on is delivered again.
   */
  async followAll(changes: readonly (LedgerChange | undefined)[]): Promise<{ failedAt?: number; error?: unknown }> {
    const firstEventOf = new Map<string, { change: LedgerChange; index: number }>();
    changes.forEach((change, index) => {
      if (change?.kind !== 'event-written') return;
      const item = chainOf(change);
      if (!firstEventOf.has(item)) firstEventOf.set(item, { change, index });
    });
    const failures: { index: number; error: unknown }[] = [];
    const chaining = eachOf(firstEventOf, async ([, { change, index }]) => {
      await this.follow(change).catch((error: unknown) => failures.push({ index, error }));
    });
    for (const [index, change] of changes.entries()) {
      if (!change || change.kind === 'event-written') continue;
      try {
        await this.follow(change);
      } catch (error) {
        failures.push({ index, error });
        break;
      }
    }
    await chaining;
    const first = failures.sort((a, b) => a.index - b.index)[0];
    return first ? { failedAt: first.index, error: first.error } : {};
  }

  async follow(change: LedgerChange): Promise<void> {
    if (change.kind === 'event-written') {
      if (this.chained.has(chainOf(change))) return;
      await this.deps.inOffice(change.office, () => this.deps.chain.chain(change.itemId, this.deps.clock.now()));
      this.chained.add(chainOf(change));
    } else if (change.kind === 'mail-written') {
      await this.deps.inOffice(change.office, () => releaseBatch(this.deps.delivery, change.batch, this.mail));
    } else {
      await this.deps.alterations.record(change.alteration, change.at, change.streamSequence);
      this.altered.push(change.alteration);
    }
  }
}

/** An item's chain: item ids are unique within an office, not across offices. */
const chainOf = (change: { office: string; itemId: string }) => `${change.office}|${change.itemId}`;
