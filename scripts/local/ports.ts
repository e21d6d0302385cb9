import { createServer } from 'node:net';

/** A problem of the machine or the settings, explained in its message: shown without a stack trace. */
export class LocalSetupError extends Error {
  override name = 'LocalSetupError';
}

export class PortInUseError extends LocalSetupError {
  constructor(
    readonly port: number,
    readonly what: string,
    readonly envVar?: string,
  ) {
    super(
      `Port ${port} (${what}) is already in use` +
        (envVar ? `. Stop whatever uses it, or choose another port: ${envVar}=<port> npm start` : ''),
    );
  }
}

/** Tries to listen on the port; resolves true when it is free. '::' covers IPv4 too where IPv6 exists. */
async function canListen(port: number, host: string): Promise<boolean | 'unsupported'> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else if (error.code === 'EAFNOSUPPORT' || error.code === 'EADDRNOTAVAIL') resolve('unsupported');
      else reject(error);
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** Whether nothing listens on the port, on any interface. */
export async function isPortFree(port: number): Promise<boolean> {
  const any6 = await canListen(port, '::');
  if (any6 !== 'unsupported') return any6;
  return (await canListen(port, '0.0.0.0')) === true;
}

export async function assertPortFree(port: number, what: string, envVar?: string): Promise<void> {
  if (!(await isPortFree(port))) throw new PortInUseError(port, what, envVar);
}

/** A port the OS says is free right now (for services that cannot listen on port 0 themselves). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
