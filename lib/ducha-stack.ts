import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { attachmentAccess } from '../functions/http/routes';
import { Attachments } from './attachments';
import { HttpApi } from './http-api';
import { LedgerTable } from './ledger-table';
import { MailSender } from './mail-sender';
import { ScheduledJobs } from './scheduled-jobs';
import { UserDirectory } from './user-directory';
import { WebConsole } from './web-console';

export interface DuchaStackProps extends StackProps {
  /** The From address of ducha's emails. */
  mailSender: string;
  /** The SES identity (the address or its domain) the sender belongs to. */
  sesIdentity: string;
  /** The managed login's domain prefix; default ducha-<account>. */
  loginDomainPrefix?: string;
  /** The web console's build; default console/dist. */
  consoleDist?: string;
}

/** ducha in AWS, in the order of docs/design.md: the ledger, who may use it, the API, the jobs and their mail, the web console. */
export class DuchaStack extends Stack {
  readonly ledger: LedgerTable;
  readonly users: UserDirectory;
  readonly http: HttpApi;
  readonly mail: MailSender;
  readonly jobs: ScheduledJobs;
  readonly console: WebConsole;
  readonly attachments: Attachments;

  constructor(scope: Construct, id: string, props: DuchaStackProps) {
    super(scope, id, props);

    this.ledger = new LedgerTable(this, 'Ledger');
    this.users = new UserDirectory(this, 'Users', { loginDomainPrefix: props.loginDomainPrefix });
    this.http = new HttpApi(this, 'Http', { ledger: this.ledger, userPool: this.users.userPool });
    this.mail = new MailSender(this, 'Mail', { senderAddress: props.mailSender, identity: props.sesIdentity });
    this.jobs = new ScheduledJobs(this, 'Jobs', { ledger: this.ledger, mail: this.mail });
    // Withdrawing a notice tells the units it named.
    const notices = this.http.functions.get('notices');
    if (notices) this.mail.grantSend(notices);
    this.console = new WebConsole(this, 'Console', { api: this.http.api, users: this.users, dist: props.consoleDist });
    this.attachments = new Attachments(this, 'Attachments', {
      consoleOrigin: `https://${this.console.distribution.distributionDomainName}`,
    });
    for (const [group, access] of Object.entries(attachmentAccess)) {
      const fn = this.http.functions.get(group as keyof typeof attachmentAccess);
      if (!fn) continue;
      if (access === 'sign-uploads') this.attachments.grantSignUploads(fn);
      else this.attachments.grantCheck(fn);
    }

    new CfnOutput(this, 'ApiUrl', { value: this.http.api.url, description: 'ducha API base URL' });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.webClient.userPoolClientId, description: 'the office web client' });
    new CfnOutput(this, 'LedgerTableName', { value: this.ledger.tableName });
    new CfnOutput(this, 'AttachmentsBucket', { value: this.attachments.bucket.bucketName, description: '附件: uploaded files' });
    new CfnOutput(this, 'ConsoleUrl', { value: this.console.url, description: 'the web console (the API is at the same origin)' });
    new CfnOutput(this, 'SiteUrl', {
      value: `https://${this.console.distribution.distributionDomainName}`,
      description: 'the API and the console through CloudFront',
    });
    new CfnOutput(this, 'LoginDomain', { value: this.users.loginDomainHost, description: "Cognito's managed login" });
  }
}
