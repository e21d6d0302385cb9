import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../functions/domain/dossier-timeline';
import { dossierFilePath, dossierFiles, MAX_NAME_CHARS, safeFileName } from '../../functions/domain/dossier';
import type { HistoryEvent } from '../../functions/domain/history';
import type { Report } from '../../functions/domain/reports';

describe('safeFileName (一事一档)', () => {
  it('keeps a plain Chinese name as it is', () => {
    expect(safeFileName('关于供水管网改造的报告.pdf', 'x')).toBe('关于供水管网改造的报告.pdf');
  });

  it('drops directory parts, reserved and control characters, bidirectional overrides and leading dots', () => {
    expect(safeFileName('../../etc/passwd.pdf', 'x')).toBe('passwd.pdf');
    expect(safeFileName('..\\..\\整改:报告?.pdf', 'x')).toBe('整改_报告_.pdf');
    expect(safeFileName('照片\u202Egnp.exe', 'x')).toBe('照片_gnp.exe');
    expect(safeFileName('a\u0000b\nc.pdf', 'x')).toBe('a_b_c.pdf');
    expect(safeFileName('...hidden.pdf', 'x')).toBe('hidden.pdf');
    expect(safeFileName('///', 'fallback')).toBe('fallback');
    expect(safeFileName('  ', 'fallback')).toBe('fallback');
  });

  it('shortens a long name to MAX_NAME_CHARS characters, its extension kept', () => {
    const name = safeFileName(`${'很'.repeat(100)}.docx`, 'x');
    expect([...name]).toHaveLength(MAX_NAME_CHARS);
    expect(name.endsWith('.docx')).toBe(true);
  });
});

describe('the dossier’s files and timeline', () => {
  const actor = { sub: 's', role: 'unit' as const, unitId: 'hanbin' };
  const event = (seq: number, type: string, data: Record<string, unknown>): HistoryEvent => ({
    seq,
    type,
    actor,
    at: `2026-11-0${seq}T01:00:00.000Z`,
    data,
  });

  it('lists every file of the reports and events once, oldest first, numbered in the archive', () => {
    const reports = [{ id: 'r1', submittedAt: '2026-11-02T01:00:00.000Z', attachmentIds: ['a'] }] as Report[];
    const events = [
      event(2, 'report.submitted', { reportId: 'r1' }),
      event(3, 'completion.claimed', { summary: '完成', attachmentIds: ['b'] }),
      event(4, 'verification.failed', { attachmentIds: ['c', 'a'] }),
    ];
    const refs = dossierFiles(reports, events);
    expect(refs.map((r) => [r.id, r.belongsTo])).toEqual([
      ['a', '报送'],
      ['b', '申请办结'],
      ['c', '核查'],
    ]);
    expect(dossierFilePath(1, refs[1]!, '../办结.pdf')).toBe('附件/02-申请办结-办结.pdf');
  });

  it('says each field in Chinese: units by name, an edit before → after, a report’s files', () => {
    const context = { unitName: (id: string) => (id === 'hanbin' ? '汉滨区' : id), fileName: (id: string) => `附件/${id}.pdf` };
    expect(describeEvent(event(1, 'item.edited', { changes: { title: { before: '旧', after: '新' } } }), context)).toEqual([
      '督查事项：旧 → 新',
    ]);
    expect(
      describeEvent(event(2, 'report.submitted', { reportId: 'r1', unitId: 'hanbin', percentComplete: 40 }), {
        ...context,
        reportFiles: () => ['a'],
      }),
    ).toEqual(['报送编号：r1', '单位：汉滨区', '进展：40%', '附件：附件/a.pdf']);
  });
});
