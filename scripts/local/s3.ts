/**
 * The S3-compatible server for attachments (s3rver), in-process: the handlers' S3 client and the
 * presigned URLs they hand out talk to it exactly as to S3 (AWS_ENDPOINT_URL_S3, path-style). Files
 * are kept under the data folder (`.data/s3`); an in-memory system (tests) uses a temporary folder
 * it removes on stop. The bucket is created at start, with CORS for the browser's presigned PUTs.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account.js';

export const LOCAL_ATTACHMENTS_BUCKET = 'ducha-attachments';
/** The dummy key id and secret of localAwsEnv (defaults.ts). */
const LOCAL_ACCESS_KEY = 'local';

export interface LocalS3 {
  url: string;
  port: number;
  bucket: string;
  stop(): Promise<void>;
}

/** The browser PUTs to the presigned URL from the console's page: any local origin may. */
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod>
<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

export async function startLocalS3(options: { port: number; host?: string; dataDir?: string }): Promise<LocalS3> {
  const host = options.host ?? '127.0.0.1';
  // The presigner signs with the local system's dummy keys (defaults.ts); s3rver is given them, though it verifies
  // nothing: it takes unsigned, expired and altered requests and bodies of any length (s3rver 3.7.1). What the
  // signature fixes in AWS (type, length, expiry) is therefore guarded here only by the API's own check of the
  // stored object when a change names it (use-cases/attachments.ts; tests/integration/attachments.test.ts): only the
  // declared length is read and hashed, and the bytes checked are pinned under attached/, which no upload URL names.
  DUMMY_ACCOUNT.createKeyPair(LOCAL_ACCESS_KEY, LOCAL_ACCESS_KEY);
  const directory = options.dataDir ? join(options.dataDir, 's3') : mkdtempSync(join(tmpdir(), 'ducha-s3-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: host,
    port: options.port,
    directory,
    silent: true,
    configureBuckets: [{ name: LOCAL_ATTACHMENTS_BUCKET, configs: [CORS] }],
  });
  const { port } = (await server.run()) as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    bucket: LOCAL_ATTACHMENTS_BUCKET,
    stop: async () => {
      await server.close();
      if (!options.dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}
