import { bearer } from './client';
import { ApiError, apiErrorOf, NETWORK_ERROR_MESSAGE } from './errors';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The media type of a spreadsheet by its name (an Excel workbook or a CSV), as the import routes take them. */
export function spreadsheetType(file: File): string | undefined {
  const name = file.name.toLowerCase();
  return name.endsWith('.xlsx') ? XLSX : name.endsWith('.csv') ? 'text/csv' : undefined;
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * POSTs a spreadsheet to an import route (导入台账, 导入单位名册) with the clerk's other fields: the file in the JSON
 * body, base64-encoded, so a GBK CSV stays bytes (API Gateway would read a raw text/csv body as text).
 */
export async function postSpreadsheet<T>(path: string, file: File, fields: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        file: { mediaType: spreadsheetType(file), base64: await base64Of(file), name: file.name.slice(0, 200) || undefined },
        ...fields,
      }),
    });
  } catch {
    throw new ApiError(0, 'network', NETWORK_ERROR_MESSAGE);
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw apiErrorOf(response.status, body);
  return body as T;
}
