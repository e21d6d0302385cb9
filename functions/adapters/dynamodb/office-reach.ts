import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ROOT_OFFICE } from '../../domain/offices';
import { currentReach, officeOfKey, officePrefix } from '../office-scope';
import { ledgerIndexes, ledgerTable } from './ledger-table';
import { ALTERATIONS, OFFICES, sendRateKey, mailMessageKey, tableMetaKey } from './keys';

/**
 * Isolation in the data layer (docs/design.md, "Offices in one table"): work that runs in an office below the root
 * may touch only the partitions of its reach — its own office's keys and those of the offices below it — and the
 * table's own few. The same patterns are the `dynamodb:LeadingKeys` condition of the role an HTTP function
 * assumes for such a request in AWS (lib/office-access.ts), so the code and IAM refuse the same things; here they
 * are also checked on every call, which is what refuses them on DynamoDB Local.
 */

/**
 * The table's own partitions, which belong to no office (keys.ts): the registry of offices (an office registers the
 * offices below it; each request finds its own), the meta record, the send rate, SES's message ids and the
 * alterations. Work in any office may reach them: what guards them is the code that writes them, as for the root.
 */
export const TABLE_PARTITIONS = [OFFICES, tableMetaKey.PK, sendRateKey(0).PK, `${mailMessageKey('').PK}*`, ALTERATIONS] as const;

/**
 * The partition keys `reach` may touch, as IAM StringLike patterns; undefined for the root, whose reach is the
 * whole table. `reach` may be an IAM policy variable (`${aws:PrincipalTag/office}`): the stack builds the
 * condition from this function.
 */
export function reachPatterns(reach: string): readonly string[] | undefined {
  if (reach === ROOT_OFFICE) return undefined;
  // `O#hanbin#…` is the office's own; `O#hanbin/…` every office below it (ids are paths: domain/offices.ts).
  return [`${officePrefix(reach)}*`, `O#${reach}/*`, ...TABLE_PARTITIONS];
}

/** IAM's StringLike, compiled: `*` any run of characters, `?` one; nothing else is special. */
const stringLike = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
    's',
  );

/** IAM's StringLike: `*` any run of characters, `?` one; nothing else is special. */
export const likeIam = (pattern: string, value: string): boolean => stringLike(pattern).test(value);

/** Each reach's patterns, compiled once per container: the check runs on every call below the root. */
const compiled = new Map<string, readonly RegExp[]>();
function reachMatchers(reach: string): readonly RegExp[] | undefined {
  const patterns = reachPatterns(reach);
  if (!patterns) return undefined;
  const known = compiled.get(reach);
  if (known) return known;
  const matchers = patterns.map(stringLike);
  compiled.set(reach, matchers);
  return matchers;
}

type Input = Record<string, unknown>;
type AttributeMap = Record<string, { S?: string } | undefined>;

const tablePk = ledgerTable.partitionKey;
const pkOf = (key: unknown): string | undefined => (key as AttributeMap | undefined)?.[tablePk]?.S;

/** The partition key of a Query: the value its key condition sets the table's or the index's partition key to. */
function queried(input: Input): string | undefined {
  const index = input.IndexName as string | undefined;
  const attribute = index ? Object.values(ledgerIndexes).find((i) => i.indexName === index)?.partitionKey : tablePk;
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  for (const [, left, placeholder] of String(input.KeyConditionExpression ?? '').matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    if ((names[left as string] ?? left) === attribute)
      return (input.ExpressionAttributeValues as AttributeMap | undefined)?.[placeholder as string]?.S;
  }
  return undefined;
}

/**
 * Every partition key a call addresses, as IAM's `dynamodb:LeadingKeys` sees them; undefined for a call that names
 * none (a Scan, a describe): refused below the root, as the role there is granted none.
 */
export function partitionKeysOf(command: string, input: Input): string[] | undefined {
  const keys = (() => {
    switch (command) {
      case 'GetItemCommand':
      case 'DeleteItemCommand':
      case 'UpdateItemCommand':
        return [pkOf(input.Key)];
      case 'PutItemCommand':
        return [pkOf(input.Item)];
      case 'QueryCommand':
        return [queried(input)];
      case 'BatchGetItemCommand':
        return Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: unknown[] }>).flatMap((r) => (r.Keys ?? []).map(pkOf));
      case 'BatchWriteItemCommand':
        return Object.values((input.RequestItems ?? {}) as Record<string, Input[]>).flatMap((writes) =>
          writes.map((w) => pkOf((w.PutRequest as Input | undefined)?.Item ?? (w.DeleteRequest as Input | undefined)?.Key)),
        );
      case 'TransactWriteItemsCommand':
      case 'TransactGetItemsCommand':
        return ((input.TransactItems ?? []) as Input[]).map((t) => {
          const op = Object.values(t)[0] as Input | undefined;
          return pkOf(op?.Item ?? op?.Key);
        });
      default:
        return undefined;
    }
  })();
  return keys?.every((k): k is string => typeof k === 'string') ? keys : undefined;
}

/** A call outside the reach of the work that made it: a bug, never an answer (in AWS, IAM's AccessDenied). */
export class OutsideReach extends Error {
  override name = 'OutsideReach';
}

/** The check itself, on one call: throws OutsideReach when a key (or the lack of one) falls outside `reach`. */
export function assertInReach(reach: string, command: string, input: Input): void {
  const matchers = reachMatchers(reach);
  if (!matchers) return;
  const keys = partitionKeysOf(command, input);
  const outside = keys === undefined ? undefined : keys.filter((k) => !matchers.some((m) => m.test(k)));
  // Each partition by its office and kind (`root ITEM`), not its whole key: the log is no place for the ledger's ids.
  const named = outside?.map((k) => `${officeOfKey(k).office} ${officeOfKey(k).rest.split('#')[0]}`) ?? ['no partition key'];
  if (named.length > 0)
    throw new OutsideReach(`${command} in office ${reach} addressed a partition outside its reach: ${named.join(', ')}`);
}

/** Adds the check to a DynamoDB client, before anything is signed or sent. */
export function guardReach(stack: DynamoDBClient['middlewareStack']): void {
  stack.add(
    (next, context) => async (args) => {
      assertInReach(currentReach(), String((context as { commandName?: string }).commandName), args.input as Input);
      return next(args);
    },
    { step: 'initialize', name: 'ducha-office-reach', override: true },
  );
}
