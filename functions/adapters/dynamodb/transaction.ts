import {
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type CancellationReason,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { ledger } from './client';

/**
 * One write of a transaction, labelled with what it writes. DynamoDB gives
 * the reasons of a cancelled transaction by position; reading them by label
 * instead means the parts can be reordered or added without misreading them.
 */
export interface Part<L extends string = string> {
  label: L;
  write: TransactWriteItem;
}

export const part = <L extends string>(label: L, write: TransactWriteItem): Part<L> => ({ label, write });

/** Why DynamoDB cancelled a transaction, by the labels of its parts. */
export interface Cancellation<L extends string = string> {
  /** True when the condition of a part with this label failed. */
  failed(label: L): boolean;
  /** Another transaction was writing one of the same records. */
  conflicted: boolean;
  /** The record a part with this label refused, as it stood, when the part asked for it (ReturnValuesOnConditionCheckFailure). */
  old(label: L): Record<string, AttributeValue> | undefined;
  /** What DynamoDB threw, to rethrow when no reason is one the caller can name. */
  error: Error;
}

/** The reason each transaction part failed (in the parts' order), when DynamoDB cancelled the transaction. */
function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  if (error instanceof TransactionCanceledException) return error.CancellationReasons ?? [];
  if (error instanceof Error && error.name === 'TransactionCanceledException') {
    return (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  }
  return undefined;
}

const failedCondition = (reason: CancellationReason | undefined) => reason?.Code === 'ConditionalCheckFailed';

/** The cancellation of these parts that `error` reports, or undefined when the error is not a cancelled transaction. */
export function cancellationOf<L extends string>(error: unknown, parts: readonly Part<L>[]): Cancellation<L> | undefined {
  const reasons = cancellationReasons(error);
  if (!reasons) return undefined;
  const failed = new Set(parts.filter((_, position) => failedCondition(reasons[position])).map((p) => p.label));
  return {
    failed: (label) => failed.has(label),
    conflicted: reasons.some((r) => r.Code === 'TransactionConflict'),
    old: (label) => {
      const position = parts.findIndex((p, i) => p.label === label && failedCondition(reasons[i]));
      return position < 0 ? undefined : reasons[position]?.Item;
    },
    error: error as Error,
  };
}

/**
 * Writes the parts in one transaction. When DynamoDB cancels it, `refusal`
 * names the error to throw instead (a domain error, a lost race), or
 * undefined to throw DynamoDB's own; any other failure is thrown as it is.
 */
export async function transact<L extends string>(
  parts: readonly Part<L>[],
  refusal: (why: Cancellation<L>) => Error | undefined = () => undefined,
): Promise<void> {
  const { client } = ledger();
  try {
    await client.send(new TransactWriteItemsCommand({ TransactItems: parts.map((p) => p.write) }));
  } catch (error) {
    const why = cancellationOf(error, parts);
    throw (why && refusal(why)) ?? error;
  }
}
