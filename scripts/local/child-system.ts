/** Starts scripts/local/serve-child.ts and waits until its system is ready. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { projectRoot } from './defaults';

export interface ChildSystem {
  apiUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  jwtSecret: string;
}

export interface ChildSystemOptions {
  seedDemo?: boolean;
  /** Keep the data in this folder (as npm start does) rather than in memory. */
  dataDir?: string;
  /**
   * A process group of its own, so that kill() reaches every process of the system and nothing else. A Ctrl-C in
   * the terminal then no longer reaches the system: only for a caller that stops or kills it itself (a test).
   */
  killable?: boolean;
}

export async function startChildSystem(options: ChildSystemOptions = {}): Promise<{
  served: ChildSystem;
  stop: () => Promise<void>;
  /** kill -9 of the whole system at once (its process group: node, DynamoDB Local's java, the watchdog); needs `killable`. */
  kill: () => Promise<void>;
}> {
  const args = [...(options.seedDemo ? ['--seed-demo'] : []), ...(options.dataDir ? ['--data-dir', options.dataDir] : [])];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/local/serve-child.ts', ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: options.killable === true,
  });
  const served = await readyLine<ChildSystem>(child, "the local system's process");
  const stop = () => stopped(child);
  const kill = () =>
    new Promise<void>((resolve) => {
      if (!options.killable) throw new Error('startChildSystem: kill() needs { killable: true }');
      child.removeAllListeners('exit');
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      // Resolves when node is gone; java and the watchdog got the same signal at the same instant, and are long gone
      // by the time a system started again has its own java open the data folder (seconds).
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGKILL');
    });
  return { served, stop, kill };
}

/**
 * `count` more API processes on a running child system (scripts/local/serve-api.ts): each its own modules and memory,
 * as separate Lambda containers are, on the system's DynamoDB Local and table.
 */
export async function startApiProcesses(served: ChildSystem, count: number): Promise<{ urls: string[]; stop: () => Promise<void> }> {
  const children = await Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/local/serve-api.ts',
          '--dynamodb',
          served.dynamodbEndpoint,
          '--table',
          served.tableName,
          '--jwt-secret',
          served.jwtSecret,
        ],
        { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const { apiUrl } = await readyLine<{ apiUrl: string }>(child, 'an API process');
      return { child, url: apiUrl };
    }),
  );
  const stop = async () => {
    await Promise.all(children.map(({ child }) => stopped(child)));
  };
  return { urls: children.map((c) => c.url), stop };
}

/** The JSON line a child prints when it is ready (serve-child.ts, serve-api.ts); fails if it exits before. */
function readyLine<T>(child: ChildProcess, what: string): Promise<T> {
  const lines = createInterface({ input: child.stdout! });
  return new Promise<T>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready`)));
    lines.on('line', (line) => {
      if (line.startsWith('{"ready"')) resolve(JSON.parse(line) as T);
    });
  });
}

/** SIGTERM, then resolved once the child is gone (at once if it already is). */
function stopped(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    child.removeAllListeners('exit');
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
