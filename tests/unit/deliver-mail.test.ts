import { describe, expect, it } from 'vitest';
import type { Unit } from '../../functions/domain/units';
import {
  type DeliveryDeps,
  deliver,
  flushPending,
  PARK_AFTER_PERMANENT_FAILURES,
  PARKED_MAIL_KIND,
  queueFor,
} from '../../functions/use-cases/deliver-mail';
import type { Mailer, OutgoingMail, QueuedMail } from '../../functions/use-cases/ports';
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

describe('a poison mail: parked after failing permanently, the office told once, the others sent', () => {
  const office = { id: 'office', name: '市政府督查室', kind: 'office', contacts: [{ name: '张三', email: 'ducha@gov.cn', role: 'head' }] };
  const county = { id: 'hanbin', name: '汉滨区', kind: 'county', contacts: [{ name: '李四', email: 'li@gov.cn', role: 'head' }] };
  const units = { all: async () => [office, county] as unknown as Unit[] };
  const poison = { subject: '【提醒】供水\ud800改造', text: 't', html: '<p>t</p>' };

  /** One job run: yesterday's pending first (flushPending), then today's mail, the poison among them. */
  async function run(deps: DeliveryDeps, mails: QueuedMail[]) {
    const report = await flushPending(deps);
    return deliver(deps, mails, report);
  }

  function setup(fail: (mail: OutgoingMail) => boolean | 'transient' | 'permanent') {
    const { outbox, entries } = memoryOutbox();
    const mail = recordingMailer(fail);
    const deps: DeliveryDeps = { outbox, mailer: mail.mailer, clock, units };
    const mails = [
      ...queueFor(['a@gov.cn'], 'reminder', '2026-11-26', ['i1'], rendered),
      ...queueFor(['p@gov.cn'], 'reminder', '2026-11-26', ['i2'], poison),
      ...queueFor(['b@gov.cn', 'c@gov.cn'], 'reminder', '2026-11-26', ['i3'], rendered),
    ];
    return { deps, entries, mails, ...mail };
  }

  it(`parks it after ${PARK_AFTER_PERMANENT_FAILURES} permanent failures, and sends the mails after it in every run`, async () => {
    const { deps, entries, mails, sent } = setup((m) => (m.subject.includes('\ud800') ? 'permanent' : false));
    const first = await run(deps, mails);
    expect(first).toMatchObject({ sent: 3, failed: 1, parked: 0 });
    expect(sent.map((m) => m.to[0])).toEqual(['a@gov.cn', 'b@gov.cn', 'c@gov.cn']);
    const poisonId = mails[1]!.id;
    expect(entries.get(poisonId)).toMatchObject({ state: 'pending', attempts: 1, permanentFailures: 1 });

    // The next run tries it twice (left pending by the last run, then queued again by this one's job): the third failure parks it.
    const second = await run(deps, mails);
    expect(second).toMatchObject({ skipped: 3, failed: 2, parked: 1 });
    expect(entries.get(poisonId)).toMatchObject({ state: 'parked', attempts: PARK_AFTER_PERMANENT_FAILURES });
    expect(await deps.outbox.pending(500)).toEqual([]);

    // Parked: neither pending nor sent again, whatever the runs that follow.
    const third = await run(deps, mails);
    expect(third).toMatchObject({ sent: 0, failed: 0, parked: 0, skipped: 4 });
    expect(sent.filter((m) => m.to[0] !== 'ducha@gov.cn').map((m) => m.to[0])).toEqual(['a@gov.cn', 'b@gov.cn', 'c@gov.cn']);
  });

  it('tells the office once, by email through the outbox, which mail and why, quoting the bad subject made safe', async () => {
    const { deps, mails, sent, subjectsTo } = setup((m) => (m.subject.includes('\ud800') ? 'permanent' : false));
    for (let i = 0; i < PARK_AFTER_PERMANENT_FAILURES + 2; i++) await run(deps, mails);
    const told = sent.filter((m) => m.to[0] === 'ducha@gov.cn');
    expect(told).toHaveLength(1);
    expect(subjectsTo('ducha@gov.cn')).toEqual(['【邮件未能发送】【提醒】供水\uFFFD改造']);
    expect(told[0]!.text).toContain('p@gov.cn');
    expect(told[0]!.text).toContain('MessageRejected');
    expect(told[0]!.text).toContain(`连续${PARK_AFTER_PERMANENT_FAILURES}次`);
    expect(sent.every((m) => !`${m.subject}${m.text}${m.html}`.match(/[\ud800-\udfff]/))).toBe(true);
    // Asked again for the same parked mail (a second parking), the office is not told again: the notice's id is once-only.
    const [notice] = queueFor(['ducha@gov.cn'], PARKED_MAIL_KIND, '2026-11-26', [mails[1]!.id], rendered);
    expect(await deps.outbox.claim(notice!, clock.now())).toBe('sent');
  });

  it('keeps a mail failing transiently (throttled, SES down) pending and retryable, however often', async () => {
    let down = true;
    const { deps, entries, mails, sent } = setup((m) => down && m.to[0] === 'p@gov.cn' && 'transient');
    for (let i = 0; i < PARK_AFTER_PERMANENT_FAILURES * 2; i++) expect((await run(deps, mails)).parked).toBe(0);
    const entry = entries.get(mails[1]!.id)!;
    expect(entry).toMatchObject({ state: 'pending', permanentFailures: 0 });
    expect(entry.attempts).toBeGreaterThan(PARK_AFTER_PERMANENT_FAILURES * 2);
    down = false;
    expect((await run(deps, mails)).sent).toBe(1);
    expect(sent.filter((m) => m.to[0] === 'p@gov.cn')).toHaveLength(1);
    expect(sent.filter((m) => m.to[0] === 'ducha@gov.cn')).toEqual([]);
  });

  it('parks a notice to the office that is itself refused, without telling anyone of it', async () => {
    const { deps, entries, mails, sent } = setup((m) => (m.subject.includes('\ud800') || m.to[0] === 'ducha@gov.cn' ? 'permanent' : false));
    for (let i = 0; i < PARK_AFTER_PERMANENT_FAILURES * 3; i++) await run(deps, mails);
    const parked = [...entries.values()].filter((e) => e.state === 'parked').map((e) => e.mail.kind);
    expect(parked.sort()).toEqual([PARKED_MAIL_KIND, 'reminder']);
    expect(sent.map((m) => m.to[0])).toEqual(['a@gov.cn', 'b@gov.cn', 'c@gov.cn']);
  });
});
