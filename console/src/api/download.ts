import { ApiError, apiErrorOf, NETWORK_ERROR_MESSAGE } from './errors';

/**
 * The file name a download should keep: RFC 6266's UTF-8 `filename*` (the
 * ledger's names are Chinese), else the plain `filename`.
 */
export function filenameFromDisposition(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
    } catch {
      // A malformed encoding: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain?.[2] ?? plain?.[1]?.trim();
  return name || undefined;
}

/** Fetches a file with the bearer token and hands it to the browser under the name the API gave it. */
export async function downloadFile(url: string, headers: Record<string, string>, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { headers });
  } catch {
    throw new ApiError(0, 'network', NETWORK_ERROR_MESSAGE);
  }
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    throw apiErrorOf(response.status, body);
  }
  const name = filenameFromDisposition(response.headers.get('content-disposition')) ?? fallbackName;
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}
