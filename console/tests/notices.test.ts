import { describe, expect, it } from 'vitest';
import { isExposed, noticeHeading, noticeName } from '../src/notices';

const notice = { level: 'government' as const, issuedAt: '2026-11-30T01:30:00.000Z', mediaExposure: true };

describe('a notice on the pages', () => {
  it('is named by its 文号, and says so when it was issued before numbering', () => {
    expect(noticeName({ ...notice, documentNumber: '安督通〔2026〕12号' })).toBe('安督通〔2026〕12号');
    expect(noticeName(notice)).toBe('（无文号）');
    expect(noticeHeading({ ...notice, documentNumber: '安督通〔2026〕12号' })).toBe('安督通〔2026〕12号 以政府名义通报');
    expect(noticeHeading(notice)).toBe('以政府名义通报');
  });

  it('is marked exposed only when the public feed carries it: government level, media exposure, not withdrawn', () => {
    expect(isExposed(notice)).toBe(true);
    expect(isExposed({ ...notice, mediaExposure: false })).toBe(false);
    expect(isExposed({ ...notice, level: 'office' })).toBe(false);
    expect(isExposed({ ...notice, withdrawn: { at: notice.issuedAt, by: { sub: 'o', role: 'office' }, reason: '误发' } })).toBe(false);
  });
});
