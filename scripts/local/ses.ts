/**
 * The SES emulator (aws-ses-v2-local), in-process. Its page `/` shows every
 * email sent; `GET /store` lists them (`?since=` epoch seconds) and
 * `POST /clear-store` empties the store. The store lives in memory: mail is
 * not kept across restarts (the ledger is).
 */
import type { AddressInfo } from 'node:net';
import sesEmulatorModule from 'aws-ses-v2-local';
import { closeServer } from './http-server';

// A CommonJS module with `exports.default`: Node's ESM loader hands over the exports object, bundlers the function.
const sesEmulator =
  typeof sesEmulatorModule === 'function'
    ? sesEmulatorModule
    : (sesEmulatorModule as unknown as { default: typeof sesEmulatorModule }).default;

export interface SesEmulator {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Port 0 lets the OS choose. The caller checks beforehand that a fixed port is free: the emulator cannot report EADDRINUSE. */
export async function startSesEmulator(options: { port: number; host?: string }): Promise<SesEmulator> {
  const host = options.host ?? '127.0.0.1';
  const server = await sesEmulator({ host, port: options.port });
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, port, stop: () => closeServer(server) };
}
