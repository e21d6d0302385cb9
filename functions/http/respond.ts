import type { APIGatewayProxyResult } from 'aws-lambda';

// Ledger data is per caller and changes all day: never cached on the way.
const PRIVATE_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', ...PRIVATE_HEADERS };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** Public, read-only answers (the 公开曝光 feed): the same for everyone, so a CDN may keep them a few minutes. */
export const PUBLIC_CACHE = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600';

/** A text answer that is not JSON and not a download (the Atom feed). */
export function textResponse(contentType: string, content: string, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode: 200, headers: { 'content-type': contentType, ...PRIVATE_HEADERS, ...headers }, body: content };
}

/**
 * A download. Bytes go base64-encoded, which API Gateway turns back into
 * bytes for a binary media type; the file name is given in UTF-8 (RFC 6266),
 * since it is Chinese, with an ASCII name for clients that cannot read that.
 */
export function fileResponse(file: {
  contentType: string;
  filename: string;
  asciiFilename: string;
  content: string | Buffer;
}): APIGatewayProxyResult {
  const binary = Buffer.isBuffer(file.content);
  const ascii = file.asciiFilename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    statusCode: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      ...PRIVATE_HEADERS,
    },
    body: binary ? (file.content as Buffer).toString('base64') : (file.content as string),
    isBase64Encoded: binary,
  };
}
