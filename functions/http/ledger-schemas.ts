import * as z from 'zod';
import { ItemId } from './schemas';

/** The answer of GET /items/{id}/history/verify (use-cases/ledger.ts). */
export const ChainFindingSchema = z
  .object({
    itemId: ItemId,
    seq: z.number().int().nullable().meta({
      description: "The event, in the caller's numbering of the history; null for an event the caller may not read (a referral)",
    }),
    problem: z.enum(['hash', 'prevHash', 'gap', 'order', 'record']).meta({
      description:
        "hash: the event's content no longer gives its stored hash (it was edited); prevHash: its link to the event before does not match; gap: a seq is missing; order: chained after an event not chained; record: the report the event names no longer gives the digest recorded with it (the report was edited or removed)",
    }),
    expected: z.string().meta({ description: 'What recomputing gives' }),
    stored: z.string().meta({ description: 'What the ledger holds' }),
    message: z.string().meta({ description: 'The finding in words, in the language of the request' }),
  })
  .meta({ id: 'ChainFinding' });

export const HistoryVerificationSchema = z
  .object({
    itemId: ItemId,
    intact: z.boolean().meta({ description: 'Every chained event matches its hash and its link' }),
    events: z.number().int().meta({ description: 'Events the caller reads in the history' }),
    chained: z.number().int().meta({ description: 'Of those, the ones chained so far (each is chained right after its write)' }),
    head: z
      .object({ seq: z.number().int(), hash: z.string() })
      .nullable()
      .optional()
      .meta({ description: 'The last chained event and its recomputed hash (office and leaders only)' }),
    findings: z.array(ChainFindingSchema),
  })
  .meta({ id: 'HistoryVerification' });
