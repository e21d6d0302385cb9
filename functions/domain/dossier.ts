import { actionLabelOf, describeEvent } from './dossier-timeline';
import type { HistoryEvent } from './history';
import type { Item } from './items';
import type { Report } from './reports';
import { escapeHtml, statusLabels } from './mail';
import { shanghaiMinute } from './ledger-sheet';
import { roleLabels } from './labels';

/**
 * 一事一档: an item's whole file for the archive — its ledger row, its history (as data and as a timeline a person
 * reads), its reports, extension requests, completion claims and 核查, every attached file, and a manifest with the
 * SHA-256 of each. These are the plain parts: which files, under which names, and the timeline's text.
 */

/** Characters no archive tool or file system should meet in a name: separators, reserved and control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]/g;
/** Long enough for any real title; short enough for every file system (255 bytes; a CJK character is 3 in UTF-8). */
export const MAX_NAME_CHARS = 60;

/**
 * A file name as it may go into the archive: no directory parts (`../`, `C:\`), no reserved or control characters
 * (nor the bidirectional overrides that disguise an extension), no leading dots, at most MAX_NAME_CHARS characters
 * with its extension kept. A name with nothing left is `fallback`.
 */
export function safeFileName(name: string, fallback: string): string {
  const base = name.normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  const cleaned = base
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (!cleaned || /^_*$/.test(cleaned)) return fallback;
  const chars = [...cleaned];
  if (chars.length <= MAX_NAME_CHARS) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 8 ? cleaned.slice(dot) : '';
  return [...cleaned.slice(0, cleaned.length - extension.length)].slice(0, MAX_NAME_CHARS - extension.length).join('') + extension;
}

/** What a file in the dossier belongs to: a report, or the event (completion claim, 核查) that named it. */
export interface DossierFileRef {
  id: string;
  /** In Chinese, for the file's name and the manifest: `报送`, `申请办结`, `核查`. */
  belongsTo: string;
  /** The report's id or the event's seq. */
  ref: string;
  at: string;
}

/** Every file the item's reports and events name, oldest first, each once (a file is attached to one thing only). */
export function dossierFiles(reports: readonly Report[], events: readonly HistoryEvent[]): DossierFileRef[] {
  const refs: DossierFileRef[] = [
    ...reports.flatMap((r) => (r.attachmentIds ?? []).map((id) => ({ id, belongsTo: '报送', ref: r.id, at: r.submittedAt }))),
    ...events.flatMap((e) =>
      e.type === 'report.submitted'
        ? []
        : namedFiles(e).map((id) => ({
            id,
            belongsTo: e.type.startsWith('verification.') ? '核查' : actionLabelOf(e),
            ref: `#${e.seq}`,
            at: e.at,
          })),
    ),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

const namedFiles = (event: HistoryEvent): string[] =>
  Array.isArray(event.data.attachmentIds) ? event.data.attachmentIds.filter((id): id is string => typeof id === 'string') : [];

/** Where a file goes: `附件/03-核查-现场照片.png`, numbered so two files of one name never collide. */
export const dossierFilePath = (index: number, ref: DossierFileRef, fileName: string) =>
  `附件/${String(index + 1).padStart(2, '0')}-${ref.belongsTo}-${safeFileName(fileName, `${ref.id}`)}`;

/** The names the generated documents take in the archive. */
export const DOSSIER_DOCUMENTS = {
  ledgerRow: '台账.csv',
  item: '事项.json',
  history: '历程.json',
  timeline: '历程.html',
  reports: '报送.json',
  extensions: '延期申请.json',
  completion: '办结与核查.json',
  manifest: 'manifest.json',
  checksums: 'SHA256SUMS',
} as const;

/** The events of the completion claims and 核查 (an item may be claimed, fail 核查, and be claimed again). */
export const completionEvents = (events: readonly HistoryEvent[]) =>
  events.filter((e) => e.type === 'completion.claimed' || e.type.startsWith('verification.'));

/** Who did it, as a person reads it: `责任单位（汉滨区人民政府）`, `督查室`. */
export const actorText = (actor: HistoryEvent['actor'], unitName: (id: string) => string) =>
  actor.unitId ? `${roleLabels[actor.role]}（${unitName(actor.unitId)}）` : roleLabels[actor.role];

/** The timeline a person reads: one row per event, oldest first, in Chinese, times in Asia/Shanghai. */
export function timelineHtml(
  item: Item,
  events: readonly HistoryEvent[],
  context: {
    unitName: (id: string) => string;
    fileName: (id: string) => string | undefined;
    reportFiles?: (reportId: string) => readonly string[];
    generatedAt: string;
  },
): string {
  const rows = events
    .map(
      (e) =>
        `<tr><td>${e.seq}</td><td>${shanghaiMinute(e.at)}</td><td>${escapeHtml(actionLabelOf(e))}</td>` +
        `<td>${escapeHtml(actorText(e.actor, context.unitName))}</td><td>${describeEvent(e, context)
          .map((line) => escapeHtml(line))
          .join('<br>')}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(item.title)} — 办理历程</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 8px;vertical-align:top;text-align:left}</style>
</head><body>
<h1>${escapeHtml(item.title)}</h1>
<p>事项编号：${escapeHtml(item.id)}　来源文号：${escapeHtml(item.sourceRef)}　牵头单位：${escapeHtml(context.unitName(item.leadUnit))}　完成时限：${item.dueDate}　状态：${statusLabels[item.status]}</p>
<p>生成时间：${shanghaiMinute(context.generatedAt)}（北京时间）</p>
<table><thead><tr><th>序号</th><th>时间</th><th>事项办理</th><th>办理人</th><th>内容</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
