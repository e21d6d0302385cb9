import type { Mailer, OutgoingMail } from '../use-cases/ports';

/** The right to send one mail now: resolves when the account's send rate allows it. */
export interface SendRate {
  take(): Promise<void>;
}

/**
 * A mailer that keeps to the account's send rate (SES answers Throttling beyond it): each send waits for its turn
 * first. Pacing is the adapter's concern: the use cases send as before, and a mail that still fails stays pending.
 */
export function pacedMailer(mailer: Mailer, rate: SendRate): Mailer {
  return {
    async send(mail: OutgoingMail): ReturnType<Mailer['send']> {
      await rate.take();
      return mailer.send(mail);
    },
  };
}
