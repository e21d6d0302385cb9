import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

/** The repository root: entries and the lock file are resolved from here, whatever the working directory. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** `functions/<relative>.ts`, absolute. */
export function functionEntry(relative: string): string {
  return path.join(projectRoot, 'functions', `${relative}.ts`);
}
