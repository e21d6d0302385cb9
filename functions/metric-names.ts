/** Every function's service name: the `service` key of its log lines and a dimension of its metrics. */
export const SERVICE = 'ducha';
/** The CloudWatch namespace of ducha's metrics (the stack's alarms read it: lib/alarms.ts). */
export const METRICS_NAMESPACE = 'Ducha';

/** The metrics ducha emits (EMF); the stack alarms on EmailsFailed. Names only: the CDK app imports this. */
export const METRIC = {
  emailsSent: 'EmailsSent',
  emailsFailed: 'EmailsFailed',
  emailsParked: 'EmailsParked',
  noticesIssued: 'NoticesIssued',
  rectificationsEscalated: 'RectificationsEscalated',
  itemsTurnedRed: 'ItemsTurnedRed',
  /** A written-once record (event, report, seal) modified or removed: seen on the table's stream, always an alarm. */
  ledgerAltered: 'LedgerRecordsAltered',
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC];
