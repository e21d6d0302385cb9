import { createHash } from 'node:crypto';
import { type Cell, headerWords, textOf } from './ledger-reading';
import type { ContactRole, UnitKind } from './units';

/**
 * 单位名册 as offices keep it (issue 22 §1, roster import): one row per contact (the unit's name written once,
 * the rows under it blank or merged, as Excel merges them), or one row per unit with 负责人 / 联络员 and their
 * 邮箱 side by side. Title rows above the header are skipped; the header is found by its words. Plain functions:
 * the file's decoding is an adapter's, the writing a use case's.
 */
export const rosterFields = [
  '单位名称',
  '简称',
  '单位编码',
  '类别',
  '姓名',
  '职务',
  '邮箱',
  '负责人',
  '负责人邮箱',
  '联络员',
  '联络员邮箱',
] as const;
export type RosterField = (typeof rosterFields)[number];

const rosterSynonyms: Record<RosterField, readonly string[]> = {
  单位名称: ['单位名称', '单位', '单位全称', '责任单位', '部门名称'],
  简称: ['简称', '单位简称'],
  单位编码: ['单位编码', '编码', '单位代码'],
  类别: ['类别', '单位类别', '单位类型', '类型'],
  姓名: ['姓名', '联系人', '联系人姓名'],
  职务: ['职务', '身份', '角色', '联系人职务'],
  邮箱: ['邮箱', '电子邮箱', '电子邮件', 'email', '邮件地址', '联系人邮箱'],
  负责人: ['负责人', '主要负责人', '负责人姓名'],
  负责人邮箱: ['负责人邮箱', '负责人电子邮箱'],
  联络员: ['联络员', '联络员姓名'],
  联络员邮箱: ['联络员邮箱', '联络员电子邮箱'],
};

const fieldOf = (header: string): RosterField | undefined => {
  const words = headerWords(header).toLowerCase();
  return rosterFields.find((f) => rosterSynonyms[f].includes(words));
};

export interface RosterContact {
  name: string;
  email: string;
  role: ContactRole;
  /** The file's row it came from. */
  row: number;
}

export interface RosterUnit {
  /** The first row of the unit in the file. */
  row: number;
  name: string;
  shortName?: string;
  id?: string;
  kindText?: string;
  contacts: RosterContact[];
}

/** 负责人, 主要负责人, 局长, 县长… lead; 联络员, 联系人, 秘书, 科长… liaise. Unclear words are the liaison's: mail goes to both. */
export function contactRoleOf(text: string): ContactRole {
  return /负责人|局长|主任|县长|区长|市长|书记|厅长|处长|主席/.test(text) && !/副|联络/.test(text) ? 'head' : 'liaison';
}

/** 县（市、区）政府 and 县 / 区 are counties; 局, 委, 办 departments; 中心, 站, 所, 院 agencies; the 督查室 the office. */
export function unitKindOf(kindText: string | undefined, name: string): UnitKind {
  const text = `${kindText ?? ''}`;
  if (/县|区/.test(text)) return 'county';
  if (/部门|局|委/.test(text)) return 'department';
  if (/直属|事业|机构|中心/.test(text)) return 'agency';
  if (/领导/.test(text)) return 'leadership';
  if (/督查/.test(name)) return 'office';
  if (/(县|区)人民政府$|(县|区)政府$/.test(name)) return 'county';
  if (/(局|委员会|委|办公室|办)$/.test(name)) return 'department';
  return 'agency';
}

/** A unit's code when the file gives none: stable (from its name), so a second import finds the unit it made. */
export const rosterUnitId = (name: string) =>
  `u-${createHash('sha256').update(name.normalize('NFKC').replace(/\s/g, '')).digest('hex').slice(0, 12)}`;

/**
 * The units of a roster sheet, in order, each with its contacts; `missing` names what a roster needs and the
 * sheet lacks (单位名称, and contacts in either shape).
 */
export function readRoster(table: readonly (readonly Cell[])[]): { headerRow: number; units: RosterUnit[]; missing: RosterField[] } {
  const headerAt = table.slice(0, 30).findIndex((row) => {
    const fields = new Set(row.map((c) => fieldOf(textOf(c))).filter((f) => f !== undefined));
    return fields.has('单位名称') && (fields.has('邮箱') || fields.has('负责人邮箱') || fields.has('联络员邮箱'));
  });
  if (headerAt < 0) return { headerRow: 0, units: [], missing: ['单位名称', '邮箱'] };
  const at = new Map<RosterField, number>();
  (table[headerAt] ?? []).forEach((cell, i) => {
    const field = fieldOf(textOf(cell));
    if (field && !at.has(field)) at.set(field, i);
  });
  const cell = (row: readonly Cell[], field: RosterField) => {
    const i = at.get(field);
    return i === undefined ? '' : textOf(row[i]);
  };
  const units: RosterUnit[] = [];
  let current: RosterUnit | undefined;
  for (let i = headerAt + 1; i < table.length; i++) {
    const row = table[i] ?? [];
    if (!row.some((c) => textOf(c) !== '')) continue;
    const name = cell(row, '单位名称');
    // A row without a unit's name belongs to the unit above (its merged cell, or the name written once).
    if (name !== '' && name !== current?.name) {
      current = {
        row: i + 1,
        name,
        ...(cell(row, '简称') ? { shortName: cell(row, '简称') } : {}),
        ...(cell(row, '单位编码') ? { id: cell(row, '单位编码') } : {}),
        ...(cell(row, '类别') ? { kindText: cell(row, '类别') } : {}),
        contacts: [],
      };
      units.push(current);
    }
    if (!current) continue;
    const add = (contactName: string, email: string, role: ContactRole) => {
      if (contactName !== '' || email !== '') current?.contacts.push({ name: contactName, email, role, row: i + 1 });
    };
    add(cell(row, '负责人'), cell(row, '负责人邮箱'), 'head');
    add(cell(row, '联络员'), cell(row, '联络员邮箱'), 'liaison');
    add(cell(row, '姓名'), cell(row, '邮箱'), contactRoleOf(cell(row, '职务')));
  }
  return { headerRow: headerAt + 1, units, missing: [] };
}
