import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AssessmentFact } from '../../domain/assessment';
import type { AssessmentFacts } from '../../use-cases/ports';
import { assessmentYear, factKey, factOfKey, scoped } from './keys';
import { queryAll, toRecord } from './records';
import { type Part, part } from './transaction';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * A fact is put without a condition: its key is what it counts, so writing
 * it again (a retried change, a re-run job) leaves one record, counted once.
 * The key already says year, kind and ref; the record adds only whom it
 * counts for (and a closed item's source), since a year's assessment reads
 * every fact of the year and pays by the byte.
 */
export const factParts = (TableName: string, facts: readonly AssessmentFact[]): Part<'fact'>[] =>
  facts.map((fact) =>
    part('fact', {
      Put: {
        TableName,
        Item: toRecord({ ...factKey(fact), unitIds: fact.unitIds, source: fact.source, leaderInCharge: fact.leaderInCharge }),
      },
    }),
  );

function factFrom(row: Record<string, AttributeValue>): AssessmentFact {
  const { year, kind, ref } = factOfKey({ PK: row.PK?.S ?? '', SK: row.SK?.S ?? '' });
  const { unitIds, source, leaderInCharge } = unmarshall(row) as Pick<AssessmentFact, 'unitIds' | 'source' | 'leaderInCharge'>;
  return {
    year,
    kind: kind as AssessmentFact['kind'],
    ref,
    unitIds,
    ...(source ? { source } : {}),
    ...(leaderInCharge ? { leaderInCharge } : {}),
  };
}

/** The year's facts: one partition, read page by page; cost grows with the year's events, not the ledger. */
export class DynamoAssessmentFacts implements AssessmentFacts {
  async ofYear(year: number, kindPrefix?: string): Promise<AssessmentFact[]> {
    const values: Record<string, AttributeValue> = { ':pk': { S: scoped(assessmentYear(year)) } };
    if (kindPrefix) values[':prefix'] = { S: kindPrefix };
    const { rows } = await queryAll({
      KeyConditionExpression: kindPrefix ? 'PK = :pk AND begins_with(SK, :prefix)' : 'PK = :pk',
      ExpressionAttributeValues: values,
    });
    return rows.map(factFrom);
  }
}
