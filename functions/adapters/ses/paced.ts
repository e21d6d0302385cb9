import { sendRateFromEnv } from '../../config';
import { DynamoSendRate } from '../dynamodb/send-rate';
import { pacedMailer } from '../paced-mailer';
import { SesMailer } from './mailer';

/** SES as every mailing function sends through it: at the account's rate (MAIL_SEND_RATE), shared through the ledger. */
export const sesAtAccountRate = () => pacedMailer(new SesMailer(), new DynamoSendRate({ perSecond: sendRateFromEnv() }));
