import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { OperationsAlarms } from './alarms';
import { ENV } from '../functions/config';
import { publicBaseUrl } from '../functions/domain/public-feed';
import { attachmentAccess } from '../functions/http/routes';
import { Attachments } from './attachments';
import { HttpApi } from './http-api';
import { LedgerMigrations } from './ledger-migrations';
import { LedgerStream } from './ledger-stream';
import { LedgerTable } from './ledger-table';
import { MailEvents } from './mail-events';
import { MailSender } from './mail-sender';
import { ScheduledJobs } from './scheduled-jobs';
import { SealArchive } from './seal-archive';
import { UserDirectory } from './user-directory';
import { type ConsoleDomain, WebConsole } from './web-console';

export interface DuchaStackProps extends StackProps {
  /** The From address of ducha's emails. */
  mailSender: string;
  /** The SES identity (the address or its domain) the sender belongs to. */
  sesIdentity: string;
  /** The supervision office's address, subscribed to the operations alarms. */
  officeEmail: string;
  /** The managed login's domain prefix; default ducha-<account>. */
  loginDomainPrefix?: string;
  /** The web console's build; default console/dist. */
  consoleDist?: string;
  /** The console's address for links in mail (CONSOLE_URL), e.g. the ConsoleUrl output of a first deployment. */
  consoleUrl?: string;
  /**
   * Where the public feed is published (PUBLIC_BASE_URL): the Atom feed's id and links, which must never change.
   * Default: https:// and consoleDomain's name when given (the API is served there), else the API stage's own URL.
   */
  publicBaseUrl?: string;
  /** 文号 prefix of notices (NOTICE_NUMBER_PREFIX), default 安督通. */
  noticeNumberPrefix?: string;
  /** The SES account's maximum send rate, mails a second (default 14). */
  mailSendRate?: number;
  /** The city's own name for the distribution and its certificate; default the cloudfront.net name. */
  consoleDomain?: ConsoleDomain;
}

/**
 * The public base URL of the feed: as given (checked now, so a bad one fails synth, not the function), else the
 * city's own name for the distribution, which serves the API at its root, else the API's stage URL. Not the
 * distribution's cloudfront.net name: it is known only once deployed, and the distribution depends on the API and
 * so on the function (give it as `publicBaseUrl`, the SiteUrl output of a first deployment, to publish there).
 */
export function publicFeedBase(given: string | undefined, consoleDomain: ConsoleDomain | undefined, stageUrl: string): string {
  if (given) return publicBaseUrl(given);
  if (consoleDomain) return `https://${consoleDomain.name}`;
  return stageUrl;
}

/** ducha in AWS, in the order of docs/design.md: the ledger, who may use it, the API, the jobs and their mail, the web console. */
export class DuchaStack extends Stack {
  readonly ledger: LedgerTable;
  readonly users: UserDirectory;
  readonly http: HttpApi;
  readonly mail: MailSender;
  readonly jobs: ScheduledJobs;
  readonly mailEvents: MailEvents;
  readonly console: WebConsole;
  readonly alarms: OperationsAlarms;
  readonly stream: LedgerStream;
  readonly seals: SealArchive;
  readonly migrations: LedgerMigrations;
  readonly attachments: Attachments;

  constructor(scope: Construct, id: string, props: DuchaStackProps) {
    super(scope, id, props);

    this.ledger = new LedgerTable(this, 'Ledger');
    this.users = new UserDirectory(this, 'Users', { loginDomainPrefix: props.loginDomainPrefix });
    this.http = new HttpApi(this, 'Http', { ledger: this.ledger, userPool: this.users.userPool });
    // The feed's identity comes from configuration alone, never from a request's headers (functions/domain/public-feed.ts).
    this.http.functions
      .get('public')
      ?.addEnvironment(ENV.publicBaseUrl, publicFeedBase(props.publicBaseUrl, props.consoleDomain, this.http.stageUrl));
    this.mail = new MailSender(this, 'Mail', {
      senderAddress: props.mailSender,
      identity: props.sesIdentity,
      sendRate: props.mailSendRate,
    });
    this.jobs = new ScheduledJobs(this, 'Jobs', { ledger: this.ledger, mail: this.mail });
    this.mailEvents = new MailEvents(this, 'MailEvents', {
      ledger: this.ledger,
      deadLetters: this.jobs.deadLetters,
      configurationSetName: this.mail.configurationSet.configurationSetName,
    });
    this.alarms = new OperationsAlarms(this, 'Alarms', {
      jobs: this.jobs.functions,
      deadLetters: this.jobs.deadLetters,
      officeEmail: props.officeEmail,
    });
    // After each commit: its mail, the chain, the watch on written-once records (the requests only write and answer).
    this.stream = new LedgerStream(this, 'LedgerStream', { ledger: this.ledger, mail: this.mail, deadLetters: this.jobs.deadLetters });
    for (const alarm of this.stream.alarms) this.alarms.watch(alarm);
    // The daily seal is made by the first daily job (functions/jobs/deadline-reminders.ts), the one function that writes it.
    this.seals = new SealArchive(this, 'SealArchive');
    const sealer = this.jobs.functions.get('deadline-reminders');
    if (!sealer) throw new Error('The deadline-reminders job makes the daily seal, but there is no such job');
    this.seals.grantSeal(sealer);
    this.migrations = new LedgerMigrations(this, 'Migrations', { ledger: this.ledger });
    // No request sends mail: the changes that tell people (派发, 通报, 延期审批, 核查, 撤销通报) write their letters in
    // their transaction and the ledger's stream sends them. The letters are written where the change is decided, so
    // every function that may write one links to the console at its address.
    for (const fn of [...this.http.functions.values(), ...this.jobs.functions.values()]) {
      if (props.consoleUrl) fn.addEnvironment(ENV.consoleUrl, props.consoleUrl);
    }
    // A notice's 文号 is drawn by the notices group and by the escalation job.
    for (const fn of [
      ...this.jobs.functions.values(),
      ...(this.http.functions.get('notices') ? [this.http.functions.get('notices')!] : []),
    ]) {
      if (props.noticeNumberPrefix) fn.addEnvironment(ENV.noticeNumberPrefix, props.noticeNumberPrefix);
    }
    this.console = new WebConsole(this, 'Console', {
      api: this.http.api,
      users: this.users,
      dist: props.consoleDist,
      domain: props.consoleDomain,
    });
    this.attachments = new Attachments(this, 'Attachments', { consoleOrigin: this.console.origin });
    for (const [group, access] of Object.entries(attachmentAccess)) {
      const fn = this.http.functions.get(group as keyof typeof attachmentAccess);
      if (!fn) continue;
      if (access === 'sign-uploads') this.attachments.grantSignUploads(fn);
      else if (access === 'dossiers') this.attachments.grantDossiers(fn);
      else this.attachments.grantCheck(fn);
    }

    new CfnOutput(this, 'ApiUrl', { value: this.http.api.url, description: 'ducha API base URL' });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.webClient.userPoolClientId, description: 'the office web client' });
    new CfnOutput(this, 'LedgerTableName', { value: this.ledger.tableName });
    new CfnOutput(this, 'SealBucket', {
      value: this.seals.bucket.bucketName,
      description: "copies of the ledger's daily seals (Object Lock)",
    });
    new CfnOutput(this, 'AttachmentsBucket', { value: this.attachments.bucket.bucketName, description: '附件: uploaded files' });
    new CfnOutput(this, 'ConsoleUrl', { value: this.console.url, description: 'the web console (the API is at the same origin)' });
    new CfnOutput(this, 'SiteUrl', {
      value: this.console.origin,
      description: 'the API and the console through CloudFront',
    });
    new CfnOutput(this, 'MigrateFunctionName', {
      value: this.migrations.function.function.functionName,
      description: 'invoke once after each deployment: brings the ledger records to this version (README: upgrading)',
    });
    new CfnOutput(this, 'LoginDomain', { value: this.users.loginDomainHost, description: "Cognito's managed login" });
  }
}
