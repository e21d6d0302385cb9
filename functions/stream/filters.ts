import { WRITTEN_ONCE } from '../domain/ledger-alterations';

/**
 * The stream records that lead somewhere (functions/stream/ledger-stream.ts): an event or a mail batch written,
 * a written-once record changed. One declaration for both places that filter: the stack's event source mapping
 * (lib/ledger-stream.ts, as Lambda filter patterns) and the local poller (scripts/local/stream-poller.ts), so
 * the follower is handed the same records in AWS and on one machine.
 */
export const followedRecords = [
  { eventName: ['INSERT'], image: 'NewImage', entities: ['event', 'mail-batch'] },
  { eventName: ['MODIFY', 'REMOVE'], image: 'OldImage', entities: [...WRITTEN_ONCE] },
] as const;

/** Whether a record (its event name and the `entity` of its images) is one the follower is handed. */
export function isFollowed(eventName: string | undefined, images: { NewImage?: string; OldImage?: string }): boolean {
  return followedRecords.some(
    (f) =>
      (f.eventName as readonly string[]).includes(eventName ?? '') && (f.entities as readonly string[]).includes(images[f.image] ?? ''),
  );
}
