import { describe, expect, it } from 'vitest';
import { deliver, flushPending, queueFor } from '../../functions/use-cases/deliver-mail';
import type { Mailer } from '../../functions/use-cases/ports';
import { memoryOutbox, recordingMailer } from './memory-ports';

const rendered = { subject: '【提醒】', text: 't', html: '<p>t</p>' };

const clock = { now: () => new Date('2026-11-26T01:00:00Z') };

describe('queueFor', () => {
  it('makes one email per distinct recipient, with an id stable across runs', () => {
    const a = queueFor(['x@gov.cn', 'y@gov.cn', 'x@gov.cn'], 'reminder', '2026-11-26', ['i2', 'i1'], rendered);
    const b = queueFor(['X@gov.cn', 'y@gov.cn'], 'reminder', '2026-11-26', ['i1', 'i2'], rendered);
    expect(a.map((m) => m.to)).toEqual([['x@gov.cn'], ['y@gov.cn']]);
    expect(b.map((m) => m.id)).toEqual(a.map((m) => m.id));
  });

  it('gives another day, kind or item set another id', () => {
    const [base] = queueFor(['x@gov.cn'], 'reminder', '2026-11-26', ['i1'], rendered);
    for (const [kind, day, about] of [
      ['reminder', '2026-11-27', ['i1']],
      ['warning', '2026-11-26', ['i1']],
      ['reminder', '2026-11-26', ['i1', 'i2']],
    ] as const) {
      expect(queueFor(['x@gov.cn'], kind, day, about, rendered)[0]!.id).not.toBe(base!.id);
    }
  });
});

describe('deliver: each email once, none lost', () => {
  it('sends each email once, however often the job runs', async () => {
    const { outbox } = memoryOutbox();
    const { mailer: m, sent } = recordingMailer();
    const mails = queueFor(['x@gov.cn', 'y@gov.cn'], 'reminder', '2026-11-26', ['i1'], rendered);
    const first = await deliver({ outbox, mailer: m, clock }, mails);
    const again = await deliver({ outbox, mailer: m, clock }, mails);
    expect(sent.map((mail) => mail.to[0])).toEqual(['x@gov.cn', 'y@gov.cn']);
    expect([first.sent, again.sent, again.skipped]).toEqual([2, 0, 2]);
  });

  it('keeps a failed send pending and sends it on the next run', async () => {
    const { outbox } = memoryOutbox();
    let down = true;
    const { mailer: m, sent } = recordingMailer((mail) => down && mail.to[0] === 'y@gov.cn');
    const mails = queueFor(['x@gov.cn', 'y@gov.cn'], 'warning', '2026-11-26', ['i1'], rendered);
    const failedRun = await deliver({ outbox, mailer: m, clock }, mails);
    expect(failedRun).toMatchObject({ sent: 1, failed: 1, failures: [{ kind: 'warning' }] });
    down = false;
    const flushed = await flushPending({ outbox, mailer: m, clock });
    expect(flushed.sent).toBe(1);
    expect(sent.map((mail) => mail.to[0])).toEqual(['x@gov.cn', 'y@gov.cn']);
    expect((await deliver({ outbox, mailer: m, clock }, mails)).skipped).toBe(2);
  });

  it('does not swallow errors that are not a failed send', async () => {
    const { outbox } = memoryOutbox();
    const broken: Mailer = {
      send: async () => {
        throw new TypeError('bug');
      },
    };
    await expect(deliver({ outbox, mailer: broken, clock }, queueFor(['x@gov.cn'], 'k', 'd', [], rendered))).rejects.toThrow(TypeError);
  });
});
