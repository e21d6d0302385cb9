import { Effect, PolicyStatement, Role, SessionTagsPrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ENV } from '../functions/config';
import { reachPatterns } from '../functions/adapters/dynamodb/office-reach';
import type { DuchaFunction } from './ducha-function';
import type { LedgerTable } from './ledger-table';

/** The IAM policy variable a session's `office` tag is read through: the reach the function tagged it with. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: IAM's policy variable, written as IAM reads it.
export const OFFICE_TAG_VARIABLE = '${aws:PrincipalTag/office}';

/**
 * Isolation of offices in IAM (docs/design.md, "Offices in one table"): an HTTP function's second role, which the
 * function assumes for a request below the root office with the session tag `office` = the request's reach
 * (functions/adapters/dynamodb/client.ts). It may do what the function's own role may do on the ledger, but only
 * on the partitions of that reach: `dynamodb:LeadingKeys` against the patterns the code itself checks
 * (office-reach.ts reachPatterns), so a county's request cannot read or write the city's, or a sibling county's,
 * records even if the code asked it to. Granted nothing without a partition key (no Scan): IAM's ForAllValues is
 * true of an empty set.
 */
export class OfficeAccess extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: { fn: DuchaFunction; ledger: LedgerTable; actions: readonly string[] }) {
    super(scope, id);
    if (props.actions.includes('dynamodb:Scan')) throw new Error(`${this.node.path}: an office role may not Scan`);
    this.role = new Role(this, 'Role', {
      // Only this function's role, and only with an `office` tag on the session.
      assumedBy: new SessionTagsPrincipal(props.fn.role).withConditions({ StringLike: { 'aws:RequestTag/office': '?*' } }),
      description: `ducha: ${props.fn.node.id}, for a request in an office below the root`,
    });
    const inReach = { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...(reachPatterns(OFFICE_TAG_VARIABLE) ?? [])] } };
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: [...props.actions], resources: [props.ledger.tableArn], conditions: inReach }),
    );
    const queries = props.actions.filter((a) => a === 'dynamodb:Query');
    if (queries.length > 0)
      this.role.addToPrincipalPolicy(
        new PolicyStatement({ effect: Effect.ALLOW, actions: queries, resources: [...props.ledger.indexArns], conditions: inReach }),
      );
    props.fn.role.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [this.role.roleArn] }),
    );
    props.fn.addEnvironment(ENV.officeAccessRole, this.role.roleArn);
  }
}
