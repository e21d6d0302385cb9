import { Construct } from 'constructs';
import { DuchaFunction } from './ducha-function';
import type { LedgerTable } from './ledger-table';

/**
 * What the migrations of functions/migrations may do to the ledger: read and write the table's meta
 * record (0001 is the baseline). A migration that rewrites records adds the actions it needs here, with
 * it, so the function never holds more than the migrations it ships.
 */
export const migrationTableAccess = ['dynamodb:GetItem', 'dynamodb:PutItem'] as const;

/**
 * The one-off Lambda that brings the ledger's records to this version's schema (functions/migrations),
 * invoked by hand after a deployment (README: upgrading), as `npm start` runs the same migrations locally.
 * Idempotent: at the latest schema it applies nothing.
 */
export class LedgerMigrations extends Construct {
  readonly function: DuchaFunction;

  constructor(scope: Construct, id: string, props: { ledger: LedgerTable }) {
    super(scope, id);
    this.function = new DuchaFunction(this, 'Migrate', {
      entry: 'migrations/handler',
      kind: 'job',
      description: 'ducha: brings the ledger records to the schema of this version (run once after a deployment)',
    }).bindTable(props.ledger, migrationTableAccess);
  }
}
