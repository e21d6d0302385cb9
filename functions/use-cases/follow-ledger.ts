import type { Alteration } from '../domain/ledger-alterations';
import { emptyDelivery, releaseBatch, type DeliveryDeps, type DeliveryReport } from './deliver-mail';
import type { LedgerChain } from './ledger-ports';
import type { Clock, MailBatch } from './ports';

/**
 * What a committed change to the ledger leads to, as the table's stream delivers it (in AWS a Lambda event
 * source mapping, locally scripts/local/stream-poller.ts): the request wrote one transaction and answered;
 * everything after the commit happens here.
 */
export type LedgerChange =
  /** An item's history event was written: chain it. */
  | { kind: 'event-written'; itemId: string }
  /** A change's mail was written with it: send it. */
  | { kind: 'mail-written'; batch: MailBatch }
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

  async follow(change: LedgerChange): Promise<void> {
    if (change.kind === 'event-written') {
      if (this.chained.has(change.itemId)) return;
      await this.deps.chain.chain(change.itemId, this.deps.clock.now());
      this.chained.add(change.itemId);
    } else if (change.kind === 'mail-written') {
      await releaseBatch(this.deps.delivery, change.batch, this.mail);
    } else {
      await this.deps.alterations.record(change.alteration, change.at, change.streamSequence);
      this.altered.push(change.alteration);
    }
  }
}
