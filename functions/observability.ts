import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { type MetricName, METRICS_NAMESPACE, SERVICE } from './metric-names';
import { redactLogValue } from './redact';

export { METRIC, type MetricName, METRICS_NAMESPACE, SERVICE } from './metric-names';

/**
 * One logger for every function. Every line carries the Lambda context
 * (`function_request_id`; HTTP functions also the API Gateway request id as
 * `correlation_id`) once the handler is wrapped (powertools.ts). Logs carry
 * ids and codes, never request bodies, names or email addresses; the
 * replacer (redact.ts) enforces it for whatever a caller passes.
 */
export const logger = new Logger({ serviceName: SERVICE, jsonReplacerFn: redactLogValue });

/** CloudWatch metrics in the embedded metric format (EMF): one JSON log line per flush, no API calls. */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE });

/** Publishes counts at once as one EMF record, under a `job` or `route` dimension. */
export function publishCounts(dimension: { job: string } | { route: string }, counts: Partial<Record<MetricName, number>>): void {
  const entries = Object.entries(counts).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return;
  const [name, value] = Object.entries(dimension)[0] as [string, string];
  metrics.addDimension(name, value);
  for (const [metric, count] of entries) metrics.addMetric(metric, MetricUnit.Count, count as number);
  metrics.publishStoredMetrics();
}
