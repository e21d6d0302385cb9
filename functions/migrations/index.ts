import { baseline } from './0001-baseline';
import { offices } from './0002-offices';
import type { Migration } from './migration';

/** Every migration, in order: a new one is a file `NNNN-what.ts` here and one entry at the end. */
export const migrations: readonly Migration[] = [baseline, offices];
