import { randomUUID } from 'node:crypto';

/**
 * Ids that sort by creation time (then at random), so a partition of reports
 * or requests reads oldest-to-newest by key alone: 20261126T113900123Z-1a2b3c4d.
 */
export function timeOrderedId(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
}
