/**
 * mail-rate: a day's mail through an SES stand-in that refuses more than 14 sends in any second, as SES's maximum
 * send rate does (issue 20, item 3). BENCH_MAILS mails (default 1,000; the figure is 10,000, about 12
 * minutes) are queued pending in the outbox of a DynamoDB Local table; four senders (as four containers of the jobs
 * and the stream's consumer would) flush the outbox at once, each through the mailer every function uses: the SES
 * adapter's place taken by the stand-in, paced by the rate kept in the ledger (DynamoSendRate). Prints how many were
 * sent, sent twice, refused for throttling and left, and how long it took against N/14 s. BENCH_UNPACED=1 sends
 * without the rate, as before, for comparison.
 */
import { randomUUID } from 'node:crypto';
import { DynamoOutbox } from '../../functions/adapters/dynamodb/outbox';
import { DynamoSendRate } from '../../functions/adapters/dynamodb/send-rate';
import { pacedMailer } from '../../functions/adapters/paced-mailer';
import { DEFAULT_MAIL_SEND_RATE } from '../../functions/config';
import { flushPending, queueFor } from '../../functions/use-cases/deliver-mail';
import { MailNotSent, type Mailer } from '../../functions/use-cases/ports';
import { applyLocalAwsEnv, localAwsEnv } from '../local/defaults';
import { ensureLedgerTable, startDynamoDbLocal } from '../local/dynamodb';
import { freePort } from '../local/ports';
import { round } from './pool';

const SENDERS = 4;

export async function mailRate(): Promise<Record<string, unknown>> {
  const mails = Number(process.env.BENCH_MAILS) || 1_000;
  const rate = DEFAULT_MAIL_SEND_RATE;
  const db = await startDynamoDbLocal({ port: await freePort() });
  try {
    const tableName = `mail-rate-${randomUUID().slice(0, 8)}`;
    await ensureLedgerTable(db.endpoint, tableName);
    applyLocalAwsEnv(localAwsEnv({ dynamodbEndpoint: db.endpoint, sesUrl: 'http://127.0.0.1:9', tableName }));

    // SES's side: at most `rate` sends a second, the rest refused (Throttling: retryable, the mail stays pending).
    const perSecond = new Map<number, number>();
    const sent = new Map<string, number>();
    let throttled = 0;
    const ses: Mailer = {
      async send(mail) {
        const second = Math.floor(Date.now() / 1000);
        const count = (perSecond.get(second) ?? 0) + 1;
        perSecond.set(second, count);
        if (count > rate) {
          throttled += 1;
          throw new MailNotSent('Throttling: Maximum sending rate exceeded', true);
        }
        const id = mail.tags?.mail ?? '';
        sent.set(id, (sent.get(id) ?? 0) + 1);
        return { messageId: `stand-in-${id}` };
      },
    };

    // The day's mail, pending in the outbox as a run leaves it when SES was down (claimed, refused, to send again).
    const outbox = new DynamoOutbox();
    const day = '2026-12-07';
    const queued = Array.from({ length: mails }, (_, i) =>
      queueFor([`head-${i}@unit.example.gov.cn`], 'deadline-reminder', day, [`item-${i}`], {
        subject: `督办提醒 ${i}`,
        text: '请按期报送进展。',
        html: '<p>请按期报送进展。</p>',
      }),
    ).flat();
    const down = { reason: 'ServiceUnavailable: SES was down', permanent: false };
    for (let i = 0; i < queued.length; i += 50) {
      await Promise.all(
        queued.slice(i, i + 50).map(async (m) => {
          await outbox.claim(m, new Date());
          await outbox.markFailed(m.id, down, new Date());
        }),
      );
    }

    const started = performance.now();
    const clock = { now: () => new Date() };
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        // BENCH_UNPACED=1: straight to the stand-in, as every function sent before the rate was kept (for comparison).
        const mailer = process.env.BENCH_UNPACED === '1' ? ses : pacedMailer(ses, new DynamoSendRate({ perSecond: rate }));
        const deps = { outbox, mailer, clock };
        // Each sender keeps flushing until a pass finds nothing left to send (what its next runs would do).
        while ((await flushPending(deps, undefined, 200)).sent + (await outbox.pending(1)).length > 0) {}
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const left = (await outbox.pending(mails)).length;
    return {
      bench: 'mail-rate',
      mails,
      senders: SENDERS,
      sendRate: rate,
      sent: sent.size,
      sentTwice: [...sent.values()].filter((n) => n > 1).length,
      throttled,
      left,
      seconds: round(seconds, 1),
      expectedSeconds: round(mails / rate, 1),
      mailsPerSecond: round(sent.size / seconds, 2),
      busiestSecond: Math.max(...perSecond.values()),
    };
  } finally {
    await db.stop();
  }
}
