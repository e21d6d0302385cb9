/** The spreadsheets' media types, shared by the handlers, the contract and the stack (its binary media types below). */
export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8';
/** The public feed for the city's news site. */
export const ATOM_MEDIA_TYPE = 'application/atom+xml; charset=utf-8';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** 一事一档: the item's dossier (GET /items/{id}/dossier.zip); binary for API Gateway. */
export const ZIP_MEDIA_TYPE = 'application/zip';

/**
 * The request bodies API Gateway hands the function as bytes (base64), declared by the stack and mirrored by the local
 * server. text/csv among them: Chinese Excel saves a CSV in GBK, which a text body (read as UTF-8) would garble.
 */
export const BINARY_MEDIA_TYPES = [XLSX_MEDIA_TYPE, ZIP_MEDIA_TYPE, 'text/csv'] as const;
