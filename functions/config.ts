/**
 * Environment read once, at cold start. Handlers and adapters import these
 * names; use cases never read the environment.
 */
export const ENV = {
  /** The ledger table's name. */
  tableName: 'LEDGER_TABLE_NAME',
  /** The SES identity emails are sent from. */
  mailSender: 'MAIL_SENDER',
} as const;

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}
