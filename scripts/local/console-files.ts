/**
 * The web console on the local server, at /console/ beside the API (one
 * origin, as CloudFront gives in AWS): the built files of console/dist,
 * hashed assets cached for a year, every other path under /console/ answered
 * with index.html so deep links work, and /console/config.json saying
 * "local" (in AWS the deployment writes the Cognito settings there).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { projectRoot } from './defaults';

export const CONSOLE_BASE = '/console/';
export const DEFAULT_CONSOLE_DIR = join(projectRoot, 'console', 'dist');

/** What config.json says locally: sign in through the local token service. */
export const LOCAL_CONSOLE_CONFIG = { mode: 'local' } as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Vite names every asset by its content hash: a changed file is a new name, so the old one may be kept for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: always asked again. */
const REVALIDATE = 'no-cache';

export function isConsolePath(path: string): boolean {
  return path === '/console' || path.startsWith(CONSOLE_BASE);
}

function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body: string | Buffer, head: boolean) {
  res.writeHead(status, { 'x-content-type-options': 'nosniff', ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(head ? undefined : body);
}

function notBuilt(res: ServerResponse, head: boolean) {
  const page =
    '<!doctype html><meta charset="utf-8"><title>控制台尚未构建</title>' +
    '<p>督查管理电子平台的控制台尚未构建。重新运行 <code>npm start</code> 会自动构建；' +
    '或在 <code>console/</code> 目录运行 <code>npm run build</code>。</p>';
  send(res, 503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, page, head);
}

/** Answers a request under /console/. */
export function serveConsole(req: IncomingMessage, res: ServerResponse, path: string, distDir: string = DEFAULT_CONSOLE_DIR): void {
  const method = req.method ?? 'GET';
  const head = method === 'HEAD';
  if (method !== 'GET' && !head) {
    send(res, 405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' }, 'Method Not Allowed', head);
    return;
  }
  if (path === '/console') {
    res.writeHead(301, { location: CONSOLE_BASE, 'content-length': 0 });
    res.end();
    return;
  }
  if (path === `${CONSOLE_BASE}config.json`) {
    send(res, 200, { 'content-type': TYPES['.json']!, 'cache-control': 'no-store' }, JSON.stringify(LOCAL_CONSOLE_CONFIG), head);
    return;
  }
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    notBuilt(res, head);
    return;
  }

  let relative: string;
  try {
    relative = decodeURIComponent(path.slice(CONSOLE_BASE.length));
  } catch {
    send(res, 400, { 'content-type': 'text/plain; charset=utf-8' }, 'Bad Request', head);
    return;
  }
  const file = normalize(join(distDir, relative));
  const inside = file.startsWith(distDir.endsWith(sep) ? distDir : distDir + sep);
  const isFile = inside && relative !== '' && existsSync(file) && statSync(file).isFile();
  if (isFile) {
    const cache = relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE;
    const size = statSync(file).size;
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': cache,
      'x-content-type-options': 'nosniff',
    });
    if (head) res.end();
    else createReadStream(file).pipe(res);
    return;
  }
  // A missing asset is a real 404 (an old page asking for a file a rebuild replaced), not the app's page.
  if (relative.startsWith('assets/') || extname(relative) !== '') {
    send(res, 404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, 'Not Found', head);
    return;
  }
  // A deep link (/console/office/items/x): the app's page, whose router takes it from there.
  const html = createReadStream(indexFile);
  res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': REVALIDATE, 'x-content-type-options': 'nosniff' });
  if (head) {
    html.destroy();
    res.end();
  } else html.pipe(res);
}
