import { CfnOutput, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { DEFAULT_MAIL_SEND_RATE, ENV, isSendRate } from '../functions/config';
import type { DuchaFunction } from './ducha-function';

/**
 * What a function that mails may call: the SES v1 SendEmail the mailer sends with (functions/adapters/ses/mailer.ts).
 * Not SendRawEmail: no code sends raw MIME, and the grants check (scripts/grants.ts) holds the list to what is called.
 */
export const SEND_MAIL_ACTIONS = ['ses:SendEmail'] as const;

export interface MailSenderProps {
  /** The From address of every reminder, warning and notice. */
  senderAddress: string;
  /** The SES identity that address belongs to: the address itself, or its domain. */
  identity: string;
  /** The account's maximum send rate, mails a second (MAIL_SEND_RATE; default 14, a new production account's). */
  sendRate?: number;
}

/**
 * The office's mail sender (SES). Functions that mail get MAIL_SENDER and may
 * send from that address only, through that identity only.
 */
export class MailSender extends Construct {
  readonly identity: EmailIdentity;
  readonly senderAddress: string;
  readonly sendRate: number;
  /** Every send carries it: its EventBridge destination reports each mail's delivery, bounce, complaint… */
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: MailSenderProps) {
    super(scope, id);
    const isDomain = !props.identity.includes('@');
    if (isDomain ? !props.senderAddress.endsWith(`@${props.identity}`) : props.senderAddress !== props.identity) {
      throw new Error(`Mail sender ${props.senderAddress} does not belong to the SES identity ${props.identity}`);
    }
    this.senderAddress = props.senderAddress;
    this.sendRate = props.sendRate ?? DEFAULT_MAIL_SEND_RATE;
    if (!isSendRate(this.sendRate)) throw new Error(`mailSendRate ${this.sendRate}: mails a second, a whole number 1-10000`);
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: isDomain ? Identity.domain(props.identity) : Identity.email(props.identity),
    });
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet');
    // Delivery receipts: to the default bus, the only one SES can send to; at least once, so consumers key on the message id.
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.DELIVERY_DELAY,
      ],
    });
    if (isDomain) {
      // SES verifies a domain by Easy DKIM: these three CNAMEs go into its DNS.
      const records = [
        [this.identity.dkimDnsTokenName1, this.identity.dkimDnsTokenValue1],
        [this.identity.dkimDnsTokenName2, this.identity.dkimDnsTokenValue2],
        [this.identity.dkimDnsTokenName3, this.identity.dkimDnsTokenValue3],
      ];
      records.forEach(([name, value], i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, {
          value: `${name} CNAME ${value}`,
          description: 'Easy DKIM record to add to the sender domain',
        });
      });
    }
  }

  private configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /** MAIL_SENDER, and ses:SendEmail on this identity, from this address only. */
  grantSend(fn: DuchaFunction): void {
    fn.addEnvironment(ENV.mailSender, this.senderAddress);
    // Every function that mails keeps to the account's rate together (functions/adapters/dynamodb/send-rate.ts).
    fn.addEnvironment(ENV.mailSendRate, String(this.sendRate));
    fn.addEnvironment(ENV.mailConfigurationSet, this.configurationSet.configurationSetName);
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...SEND_MAIL_ACTIONS],
        // A send naming a configuration set is authorised on the set as well as on the identity.
        resources: [this.identity.emailIdentityArn, this.configurationSetArn()],
        conditions: { StringEquals: { 'ses:FromAddress': this.senderAddress } },
      }),
    );
  }
}
