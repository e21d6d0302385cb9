import { describe, expect, it, vi } from 'vitest';
import { pacedMailer } from '../../functions/adapters/paced-mailer';
import { DEFAULT_MAIL_SEND_RATE, sendRateFromEnv } from '../../functions/config';
import type { OutgoingMail } from '../../functions/use-cases/ports';

const mail: OutgoingMail = { to: ['head@unit.example.gov.cn'], subject: '督办提醒', text: '请按期报送', html: '<p>请按期报送</p>' };

describe('a mailer kept to the account’s send rate', () => {
  it('sends only once the rate gave its turn, and says what the mailer said', async () => {
    const happened: string[] = [];
    let turn: () => void = () => undefined;
    const paced = pacedMailer(
      {
        async send() {
          happened.push('sent');
          return { messageId: 'm-1' };
        },
      },
      {
        take: () =>
          new Promise<void>((resolve) => {
            turn = () => {
              happened.push('turn');
              resolve();
            };
          }),
      },
    );
    const sending = paced.send(mail);
    await Promise.resolve();
    expect(happened).toEqual([]);
    turn();
    await expect(sending).resolves.toEqual({ messageId: 'm-1' });
    expect(happened).toEqual(['turn', 'sent']);
  });

  it('reads MAIL_SEND_RATE: 14 a second unless set; a value that is not a positive whole number stops the cold start', () => {
    vi.stubEnv('MAIL_SEND_RATE', '');
    expect(sendRateFromEnv()).toBe(DEFAULT_MAIL_SEND_RATE);
    vi.stubEnv('MAIL_SEND_RATE', '50');
    expect(sendRateFromEnv()).toBe(50);
    for (const bad of ['0', '-3', '2.5', 'fast']) {
      vi.stubEnv('MAIL_SEND_RATE', bad);
      expect(() => sendRateFromEnv(), bad).toThrow('MAIL_SEND_RATE');
    }
  });
});
