import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The four roles of the notice's rule 6, as Cognito groups (the ID token's `cognito:groups`). */
export const userGroups = {
  office: '督查办 — the supervision office: registers, dispatches, verifies, issues notices; sees all',
  leader: '领导 — city leaders: read everything',
  unit: '责任单位 — responsible units: see and act on their own items (custom:unitId)',
  inspector: '第三方督查员 — third-party inspectors: read and add verification findings',
} as const;

/**
 * Who may use ducha: office staff, leaders, unit liaisons and inspectors.
 * Accounts are created by the office (no self sign-up); a unit user's
 * `custom:unitId` ties them to their unit.
 */
export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: { unitId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Accounts that can issue criticism notices and refer misconduct: a
      // second factor, by authenticator app (no SMS role to run).
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const [groupName, description] of Object.entries(userGroups)) {
      this.userPool.addGroup(`Group-${groupName}`, { groupName, description });
    }

    // The office's web client (a browser app: no secret, SRP sign-in).
    // Users may edit their name and email but never their unitId: only the
    // office (admin API) assigns a user to a unit.
    this.webClient = this.userPool.addClient('OfficeWebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('unitId'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
  }
}
