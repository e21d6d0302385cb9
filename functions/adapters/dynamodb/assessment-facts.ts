import { QueryCommand, type AttributeValue, type QueryCommandOutput, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { AssessmentFact } from '../../domain/assessment';
import type { AssessmentFacts } from '../../use-cases/ports';
import { ledger } from './client';
import { assessmentYear, factKey } from './keys';
import { fromRecord, meterRead, toRecord } from './records';

/**
 * A fact is put without a condition: its key is what it counts, so writing
 * it again (a retried change, a re-run job) leaves one record, counted once.
 */
export const factPuts = (TableName: string, facts: readonly AssessmentFact[]): TransactWriteItem[] =>
  facts.map((fact) => ({ Put: { TableName, Item: toRecord({ ...factKey(fact), entity: 'fact', ...fact }) } }));

/** The year's facts: one partition, read page by page; cost grows with the year's events, not the ledger. */
export class DynamoAssessmentFacts implements AssessmentFacts {
  readUnits = 0;

  async ofYear(year: number, kindPrefix?: string): Promise<AssessmentFact[]> {
    const { client, tableName } = ledger();
    const values: Record<string, AttributeValue> = { ':pk': { S: assessmentYear(year) } };
    if (kindPrefix) values[':prefix'] = { S: kindPrefix };
    const facts: AssessmentFact[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const out: QueryCommandOutput = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: kindPrefix ? 'PK = :pk AND begins_with(SK, :prefix)' : 'PK = :pk',
          ExpressionAttributeValues: values,
          ExclusiveStartKey: startKey,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.readUnits += meterRead(out.ConsumedCapacity);
      facts.push(...(out.Items ?? []).map((r) => fromRecord<AssessmentFact>(r)));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return facts;
  }
}
