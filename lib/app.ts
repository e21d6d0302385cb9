import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DuchaStack } from './ducha-stack';
import type { ConsoleDomain } from './web-console';

export const DEFAULT_MAIL_SENDER = 'ducha@example.gov.cn';
export const DEFAULT_OFFICE_EMAIL = 'office@example.gov.cn';

/**
 * The ducha CDK app: one env-agnostic stack, checked by cdk-nag's AwsSolutions
 * rules (any unacknowledged finding fails synthesis). Context:
 * - `mailSender`: the From address (default ducha@example.gov.cn)
 * - `sesIdentity`: the SES identity, the address or its domain (default: the address)
 * - `officeEmail`: the supervision office's address, told of failed jobs, dead-lettered runs and unsent mail (default office@example.gov.cn)
 * - `loginDomainPrefix`: Cognito's managed login domain prefix, unique in the region (default ducha-<account>)
 * - `consoleDist`: the web console's build (default console/dist; it must be built before synth)
 * - `consoleUrl`: the console's address for links in mail (CONSOLE_URL; the ConsoleUrl output of a first deployment)
 * - `publicBaseUrl`: where the public feed is published, its ids and links (PUBLIC_BASE_URL; default https:// and
 *   consoleDomainName, else the API's stage URL); set it once and keep it: a feed's ids must never change
 * - `noticeNumberPrefix`: the 文号 prefix of notices (NOTICE_NUMBER_PREFIX, default 安督通)
 * - `mailSendRate`: the SES account's maximum send rate, mails a second (MAIL_SEND_RATE, default 14)
 * - `consoleDomainName`, `consoleCertificateArn`: the city's own name for the console and the API, and its ACM
 *   certificate (in us-east-1); both or neither. Without them CloudFront's default certificate allows TLS 1.0.
 */
export function createDuchaApp(props: AppProps = {}, options: { nag?: boolean } = {}): { app: App; stack: DuchaStack } {
  const app = new App(props);
  const mailSender = contextString(app, 'mailSender') ?? DEFAULT_MAIL_SENDER;
  const sesIdentity = contextString(app, 'sesIdentity') ?? mailSender;
  const stack = new DuchaStack(app, 'DuchaStack', {
    description: 'ducha 督查 — the supervision office ledger platform',
    mailSender,
    sesIdentity,
    officeEmail: contextString(app, 'officeEmail') ?? DEFAULT_OFFICE_EMAIL,
    loginDomainPrefix: contextString(app, 'loginDomainPrefix'),
    consoleDist: contextString(app, 'consoleDist'),
    consoleUrl: contextString(app, 'consoleUrl'),
    noticeNumberPrefix: contextString(app, 'noticeNumberPrefix'),
    mailSendRate: contextString(app, 'mailSendRate') === undefined ? undefined : Number(contextString(app, 'mailSendRate')),
    publicBaseUrl: contextString(app, 'publicBaseUrl'),
    consoleDomain: consoleDomain(app),
  });
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  }
  return { app, stack };
}

function contextString(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context ${key} must be a string`);
  return value;
}

function consoleDomain(app: App): ConsoleDomain | undefined {
  const name = contextString(app, 'consoleDomainName');
  const certificateArn = contextString(app, 'consoleCertificateArn');
  if (name && certificateArn) return { name, certificateArn };
  if (name) throw new Error('Context consoleDomainName needs consoleCertificateArn: the ACM certificate (us-east-1) of that name');
  if (certificateArn) throw new Error('Context consoleCertificateArn needs consoleDomainName: the name the certificate is for');
  return undefined;
}
