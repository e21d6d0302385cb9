import type { ImportProblem } from './ledger-import';

/**
 * 导入待修正: the rows an import left in its preview (待确认, not written) are kept for the office's 待办, so a clerk
 * who closed the page still finds what is left to fix. A later import settles them: every row of the ledger it reads
 * again — written, found already imported, left out on purpose (不导入), or left once more — is no longer owed by the
 * earlier import; the rows it leaves itself are owed by it from then on. A row is known by its 督查事项 (the title),
 * or, without one, by its file and row number.
 */

export interface LeftoverRow {
  /** The row's number in the file. */
  row: number;
  title: string;
  /** What the preview asked (said in the reader's language when read). */
  problems: ImportProblem[];
}

export interface ImportLeftover {
  /** The import run's id. */
  id: string;
  /** The file's name as the clerk chose it, when the request gave it. */
  fileName?: string;
  importedAt: string;
  rows: LeftoverRow[];
  /** Settling an earlier import's rows is an edit: written only over the version read. */
  version: number;
}

/** How a row is recognised from one import to the next. */
export function rowIdentity(row: { row: number; title: string }, fileName: string | undefined): string {
  const title = row.title.trim();
  return title !== '' ? `title:${title}` : `row:${fileName ?? ''}#${row.row}`;
}

/**
 * What an earlier import still owes once a later one read the rows `read` (their identities): its other rows, or
 * undefined when none is left (the record goes), or the record itself when the later import touched none of them.
 */
export function settledBy(leftover: ImportLeftover, read: ReadonlySet<string>): ImportLeftover | undefined | 'unchanged' {
  const rows = leftover.rows.filter((r) => !read.has(rowIdentity(r, leftover.fileName)));
  if (rows.length === leftover.rows.length) return 'unchanged';
  if (rows.length === 0) return undefined;
  return { ...leftover, rows, version: leftover.version + 1 };
}
