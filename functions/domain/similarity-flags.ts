/**
 * A 纸面销号 warning: a report or completion claim whose text is
 * near-identical to an earlier report. It is accepted, and flagged for the
 * office to look at; units do not see the flag.
 */
export interface CopyFlag {
  /** The flagged report (absent for a completion claim). */
  reportId?: string;
  /** The earlier report it resembles. */
  possibleCopyOf: string;
  /** 0..1, see similarity.ts. */
  similarity: number;
}
