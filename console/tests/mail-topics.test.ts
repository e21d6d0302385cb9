import { describe, expect, it } from 'vitest';
import { contactsWithTopics, mailTopicOptions, mailTopics, topicsOf } from '../src/mail-topics';

const head = { name: '刘县长', email: 'head@hanyin.example.gov.cn', role: 'head' as const };
const liaison = { name: '王联络', email: 'liaison@hanyin.example.gov.cn', role: 'liaison' as const, receives: ['notice' as const] };

describe('which mails a contact receives', () => {
  it('offers every topic the API declares, with its Chinese name', () => {
    expect(mailTopicOptions).toContainEqual({ value: 'notice', label: '通报' });
    expect(mailTopicOptions).toContainEqual({ value: 'warning', label: '逾期预警' });
    expect(mailTopicOptions.every((o) => /[\u4e00-\u9fff]/.test(o.label))).toBe(true);
    expect(mailTopics).toHaveLength(9);
  });

  it('is every topic when the contact says nothing (the API’s default), else its own list', () => {
    expect(topicsOf(head)).toEqual(mailTopics);
    expect(topicsOf(liaison)).toEqual(['notice']);
  });

  it('saves a restricted list, and a contact ticked for everything back to the default', () => {
    const saved = contactsWithTopics([head, liaison], [['warning', 'notice'], [...mailTopics]]);
    // In the API's order, whatever the order ticked.
    expect(saved[0]).toEqual({ ...head, receives: ['notice', 'warning'] });
    expect(saved[1]).toEqual({ name: liaison.name, email: liaison.email, role: 'liaison' });
    expect(contactsWithTopics([head], [[]])[0]?.receives).toEqual([]);
  });

  it('sends back no field only the platform writes (无法送达), which the API refuses as unknown', () => {
    const bounced = { ...head, undeliverable: true, undeliverableSince: '2026-11-20T02:00:00.000Z' };
    const [saved] = contactsWithTopics([bounced], [['notice']]);
    expect(saved).toEqual({ ...head, receives: ['notice'] });
  });
});
