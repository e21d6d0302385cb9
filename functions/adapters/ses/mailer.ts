import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { ENV, requireEnv } from '../../config';
import { OFFICE_TAG } from '../../domain/mail-events';
import { officeTag } from '../../domain/offices';
import { isWellFormed } from '../../domain/text';
import { currentOffice } from '../office-scope';
import { logger } from '../../observability';
import { type MailAccepted, MailNotSent, type Mailer, type OutgoingMail } from '../../use-cases/ports';

/** The part of the SES client the mailer uses: tests pass their own. */
export interface SesSend {
  send(command: SendEmailCommand): Promise<unknown>;
}

export interface SesMailerOptions {
  /** A client of your own (tests); by default one shared client per container. */
  client?: SesSend;
  /** A client of this instance's own at this endpoint (tests); otherwise AWS_ENDPOINT_URL_SES or SES itself. */
  endpoint?: string;
  /** The From address; by default MAIL_SENDER. */
  sender?: string;
}

/** SES takes at most 50 recipients per message. */
const MAX_RECIPIENTS = 50;

/**
 * Few attempts: a job that cannot send keeps the mail pending and tries
 * again on its next run, which beats holding the Lambda in backoff.
 * Timeouts bound a hung connection for the same reason.
 */
const clientConfig = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
} as const;

let shared: SESClient | undefined;

/** Created on first use, then kept for the container's life. */
function sharedClient(): SESClient {
  shared ??= new SESClient(clientConfig);
  return shared;
}

/**
 * Sends mail with the SES v1 SendEmail API (the local SES emulator supports
 * it). Endpoint, region and credentials come from the standard AWS variables,
 * so the same code talks to SES in AWS and to the emulator locally
 * (AWS_ENDPOINT_URL_SES). Logs never carry addresses or bodies.
 */
export class SesMailer implements Mailer {
  private client: SesSend | undefined;
  private sender: string | undefined;

  constructor(private readonly options: SesMailerOptions = {}) {}

  async send(mail: OutgoingMail): Promise<MailAccepted> {
    if (mail.to.length === 0) throw new MailNotSent('A mail needs at least one recipient', false);
    if (mail.to.length > MAX_RECIPIENTS) {
      throw new MailNotSent(`SES takes at most ${MAX_RECIPIENTS} recipients per mail, got ${mail.to.length}`, false);
    }
    // The SDK would throw a URIError encoding a lone surrogate, and worse, leave its query serializer
    // half-written: the next mail of the client then goes out garbled and is refused (HTTP 400). So a
    // mail that is not well-formed text never reaches the SDK; it is refused here, for good.
    if (![mail.subject, mail.text, mail.html, ...mail.to].every(isWellFormed)) {
      logger.warn('Mail not sent', { errorName: 'MalformedText', retryable: false, recipients: mail.to.length });
      throw new MailNotSent('The mail holds a lone UTF-16 surrogate, which no mail can carry', false);
    }
    const configurationSet = process.env[ENV.mailConfigurationSet];
    const command = new SendEmailCommand({
      Source: this.from(),
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
      // SES takes tag values of letters, digits, _ - . @ only, up to 256: anything else would refuse the mail.
      // The sending office rides along, so that a receipt finds the mail in that office's ledger (mail-events).
      Tags: Object.entries({ [OFFICE_TAG]: officeTag(currentOffice()), ...mail.tags }).map(([Name, Value]) => ({
        Name,
        Value: Value.replace(/[^\w.@-]/g, '_').slice(0, 256),
      })),
      Destination: { ToAddresses: mail.to },
      Message: {
        Subject: { Data: mail.subject, Charset: 'UTF-8' },
        Body: {
          Text: { Data: mail.text, Charset: 'UTF-8' },
          Html: { Data: mail.html, Charset: 'UTF-8' },
        },
      },
    });
    let messageId: string | undefined;
    try {
      messageId = ((await this.ses().send(command)) as { MessageId?: string } | undefined)?.MessageId;
    } catch (error) {
      const failure = describe(error);
      const retryable = isRetryable(failure);
      logger.warn('Mail not sent', { ...failure, retryable, recipients: mail.to.length });
      // The SDK's message can quote addresses (MessageRejected names the unverified ones): keep it out.
      throw new MailNotSent(
        `SES did not send the mail: ${failure.errorName}${failure.errorCode ? ` (${failure.errorCode})` : ''}${failure.httpStatus ? `, HTTP ${failure.httpStatus}` : ''}`,
        retryable,
      );
    }
    logger.debug('Mail sent', { recipients: mail.to.length });
    return messageId ? { messageId } : {};
  }

  private ses(): SesSend {
    this.client ??=
      this.options.client ?? (this.options.endpoint ? new SESClient({ ...clientConfig, endpoint: this.options.endpoint }) : sharedClient());
    return this.client;
  }

  private from(): string {
    this.sender ??= this.options.sender ?? requireEnv(ENV.mailSender);
    return this.sender;
  }
}

interface Failure {
  errorName: string;
  errorCode?: string;
  httpStatus?: number;
  sdkRetryable?: boolean;
}

/** What can be told about a failure without its message (which may hold personal data). */
function describe(error: unknown): Failure {
  if (typeof error !== 'object' || error === null) return { errorName: typeof error };
  const e = error as {
    name?: unknown;
    code?: unknown;
    cause?: { code?: unknown };
    errors?: { code?: unknown }[];
    $metadata?: { httpStatusCode?: unknown };
    $retryable?: unknown;
  };
  // Node puts the socket's code on the error, on its cause, or (happy eyeballs) on an AggregateError's errors.
  const code = [e.code, e.cause?.code, ...(Array.isArray(e.errors) ? e.errors.map((x) => x?.code) : [])].find(
    (c): c is string => typeof c === 'string',
  );
  const status = e.$metadata?.httpStatusCode;
  return {
    errorName: typeof e.name === 'string' ? e.name : 'Error',
    ...(code ? { errorCode: code } : {}),
    ...(typeof status === 'number' ? { httpStatus: status } : {}),
    ...(e.$retryable ? { sdkRetryable: true } : {}),
  };
}

/** Refusals of the mail itself or of the account's setup: sending it again changes nothing. */
const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'ConfigurationSetDoesNotExistException',
  'ConfigurationSetSendingPausedException',
  'AccountSendingPausedException',
  'InvalidParameterValue',
  'ValidationError',
  'AccessDenied',
  'AccessDeniedException',
  // The SDK could not encode the request (a character with no UTF-8 form): the mail's fault, every time.
  'URIError',
]);

const TRANSIENT = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalServerError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

function isRetryable(failure: Failure): boolean {
  if (PERMANENT.has(failure.errorName)) return false;
  if (TRANSIENT.has(failure.errorName) || failure.sdkRetryable) return true;
  if (failure.httpStatus !== undefined) return failure.httpStatus >= 500 || failure.httpStatus === 429;
  // No HTTP answer at all (connection refused or reset, DNS, timeout) or one the SDK
  // could not read (a SyntaxError from a proxy's error page): the service, not the mail,
  // is at fault, so it is worth another try on the job's next run.
  return true;
}
