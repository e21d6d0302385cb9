import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger for every function. Logs carry ids and codes, never request
 * bodies, names or email addresses (personal data stays out of the logs).
 */
export const logger = new Logger({ serviceName: 'ducha' });
