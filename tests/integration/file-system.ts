/**
 * The test file's own local system (started by setup-env.ts before the file's imports): its API, its SES
 * emulator, its table. Kept on globalThis so that the setup file and the test file agree on it whatever
 * module instance each was given.
 */
import type { LocalSystem } from '../../scripts/local/system';

const KEY = Symbol.for('ducha.tests.fileSystem');
type Holder = { [KEY]?: LocalSystem };

export function setFileSystem(system: LocalSystem): void {
  (globalThis as Holder)[KEY] = system;
}

export function fileSystem(): LocalSystem {
  const system = (globalThis as Holder)[KEY];
  if (!system) throw new Error('no local system for this file: tests/integration/setup-env.ts starts one before each file');
  return system;
}
