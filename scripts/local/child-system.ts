/** Starts scripts/local/serve-child.ts and waits until its system is ready. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { projectRoot } from './defaults';

export interface ChildSystem {
  apiUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  jwtSecret: string;
}

export async function startChildSystem(options: { seedDemo?: boolean } = {}): Promise<{ served: ChildSystem; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/local/serve-child.ts', ...(options.seedDemo ? ['--seed-demo'] : [])], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const served = await new Promise<ChildSystem>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the local system's process exited (${code}) before it was ready`)));
    lines.on('line', (line) => {
      if (line.startsWith('{"ready"')) resolve(JSON.parse(line));
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { served, stop };
}
