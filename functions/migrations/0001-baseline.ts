import type { Migration } from './migration';

/**
 * Schema 1: the records as this version writes them. Tables made before the meta record existed hold
 * records of this shape already (no record's shape changed from the first version until this
 * migration was written; only indexes were added, and the start adds those), so there is nothing to
 * rewrite: applying it records that the table is at schema 1, the base later migrations count from.
 */
export const baseline: Migration = {
  version: 1,
  name: 'baseline',
  up: async () => undefined,
};
