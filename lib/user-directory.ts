import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolClientOptions,
  type UserPoolDomain,
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
 * What every browser client of the pool is: no secret (a browser keeps
 * none), SRP sign-in, short-lived tokens, the ID token carrying unitId.
 * Users may edit their name and email but never their unitId: only the
 * office (admin API) assigns a user to a unit.
 */
const browserClient = {
  generateSecret: false,
  authFlows: { userSrp: true },
  preventUserExistenceErrors: true,
  enableTokenRevocation: true,
  idTokenValidity: Duration.hours(1),
  accessTokenValidity: Duration.hours(1),
  refreshTokenValidity: Duration.hours(12),
  readAttributes: new ClientAttributes()
    .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
    .withCustomAttributes('unitId', 'leaderId', 'officeId'),
  writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
} satisfies UserPoolClientOptions;

/**
 * Who may use ducha: office staff, leaders, unit liaisons and inspectors.
 * Accounts are created by the office (no self sign-up); a unit user's
 * `custom:unitId` ties them to their unit.
 */
export interface UserDirectoryProps {
  /** The managed login's domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique in the region; default ducha-<account>. */
  loginDomainPrefix?: string;
}

export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  /** Cognito's managed login, where the web console sends people to sign in. */
  readonly loginDomain: UserPoolDomain;
  /** The managed login's host name. */
  readonly loginDomainHost: string;

  constructor(scope: Construct, id: string, props: UserDirectoryProps = {}) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: {
        unitId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        // 分管领导: a leader's id in the roster; items name it as their leader in charge, `?leader=me` reads it.
        leaderId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        // 督查机构: the office a person works in (domain/offices.ts; none is the root's). Only an administrator
        // sets it: no app client may write a custom attribute (writeAttributes below).
        officeId: new StringAttribute({ minLen: 1, maxLen: 100, mutable: true }),
      },
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
    this.webClient = this.userPool.addClient('OfficeWebClient', browserClient);

    this.loginDomain = this.userPool.addDomain('ManagedLogin', {
      cognitoDomain: { domainPrefix: props.loginDomainPrefix ?? `ducha-${Aws.ACCOUNT_ID}` },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.loginDomainHost = `${this.loginDomain.domainName}.auth.${Stack.of(this).region}.amazoncognito.com`;
  }

  /**
   * The web console's app client: public (a browser keeps no secret), the
   * authorization code grant only (PKCE: the console sends a code challenge,
   * and a client without a secret has nothing else to prove itself with),
   * back to the console after sign-in and sign-out. Its ID token carries
   * `cognito:groups` and `custom:unitId`, which the API's authorizer accepts
   * (its methods ask for no OAuth scope). The managed login pages use
   * Cognito's own look.
   */
  addConsoleClient(consoleUrl: string): UserPoolClient {
    const client = this.userPool.addClient('ConsoleClient', {
      ...browserClient,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [consoleUrl],
        logoutUrls: [consoleUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    });
    new CfnManagedLoginBranding(this, 'ConsoleLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    return client;
  }
}
