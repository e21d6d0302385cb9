import type { Unit, UnitKind } from './units';

/**
 * Units by the names people write (issue 22): the full name, the 简称 (shortName), any alias the office
 * confirmed, or a near name (市发改委 for 市发展和改革委员会, 汉滨区政府 for 汉滨区人民政府) to be asked
 * 「您是否指…？」; and collective names (各县（市、区）政府) that stand for several units. Pure matching: the
 * roster comes in as values.
 */
export type NamedUnit = Pick<Unit, 'id' | 'name' | 'kind'> & { shortName?: string; aliases?: readonly string[] };

export type UnitMatch =
  | { kind: 'exact'; unitId: string; by: 'id' | 'name' | 'shortName' | 'alias' }
  | { kind: 'collective'; unitIds: string[]; unitKinds: readonly UnitKind[] }
  | { kind: 'near'; candidates: { unitId: string; name: string }[] }
  | { kind: 'unknown' };

/** Full-width brackets and letters as their plain forms, no spaces: 「汉滨区 人民政府」 is 汉滨区人民政府. */
export const nameKey = (name: string) => name.normalize('NFKC').replace(/\s/g, '');

/**
 * Collective names an office writes for every unit of a kind. Only the names that say "every" (各…, 市直各…):
 * 「有关部门」 names no one in particular and is asked like any unknown name.
 */
const COLLECTIVES: readonly [RegExp, readonly UnitKind[]][] = [
  [/^各县(?:\(市[、,]?区\)|\(区\)|\(市\)|区|市区|\(市区\))?(?:人民)?(?:政府)?$/, ['county']],
  [/^(?:市直)?各(?:有关|相关)?(?:部门|单位|部门单位)$|^市直各(?:有关|相关)?(?:部门|单位)$/, ['department', 'agency']],
];

/** Whether `short` is `full` with characters left out, starting with the same one (市发改委 ⊂ 市发展和改革委员会). */
function abbreviates(short: string, full: string): boolean {
  if (short.length < 2 || short.length >= full.length || short[0] !== full[0]) return false;
  let at = 0;
  for (const ch of full) if (ch === short[at]) at += 1;
  return at === short.length;
}

/** Dice's coefficient of the two names' character pairs: a typo (汉宾区) stays near. */
function likeness(a: string, b: string): number {
  const pairs = (s: string) => Array.from({ length: Math.max(s.length - 1, 0) }, (_, i) => s.slice(i, i + 2));
  const left = pairs(a);
  const right = pairs(b);
  if (left.length === 0 || right.length === 0) return 0;
  const pool = [...right];
  let shared = 0;
  for (const p of left) {
    const i = pool.indexOf(p);
    if (i >= 0) {
      shared += 1;
      pool.splice(i, 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/** The names a unit answers to: its full name, its 简称, its aliases. */
const namesOf = (unit: NamedUnit) => [unit.name, unit.shortName, ...(unit.aliases ?? [])].filter((n): n is string => !!n);

/** Likeness from which a name is offered: 汉宾区人民政府 is 0.67 from 汉滨区人民政府, 0.5 from 汉阴县人民政府. */
const NEAR_LIKENESS = 0.6;

/** At most this many candidates are offered for a near name. */
export const MAX_CANDIDATES = 3;

export function matchUnit(written: string, units: readonly NamedUnit[]): UnitMatch {
  const key = nameKey(written);
  if (key === '') return { kind: 'unknown' };
  const byId = units.find((u) => u.id === written.trim());
  if (byId) return { kind: 'exact', unitId: byId.id, by: 'id' };
  for (const by of ['name', 'shortName', 'alias'] as const) {
    const found = units.find((u) =>
      by === 'name'
        ? nameKey(u.name) === key
        : by === 'shortName'
          ? u.shortName !== undefined && nameKey(u.shortName) === key
          : (u.aliases ?? []).some((a) => nameKey(a) === key),
    );
    if (found) return { kind: 'exact', unitId: found.id, by };
  }
  for (const [pattern, kinds] of COLLECTIVES) {
    if (pattern.test(key)) {
      const unitIds = units.filter((u) => kinds.includes(u.kind)).map((u) => u.id);
      if (unitIds.length > 0) return { kind: 'collective', unitIds, unitKinds: kinds };
    }
  }
  const scored = units
    .filter((u) => u.kind !== 'leadership')
    .map((unit) => {
      const names = namesOf(unit).map(nameKey);
      const shortened = names.some((n) => abbreviates(key, n));
      const like = Math.max(...names.map((n) => likeness(key, n)));
      // An abbreviation outranks mere likeness; among abbreviations the closer in length first.
      const score = shortened ? 1 + key.length / nameKey(unit.name).length : like;
      return { unit, score, near: shortened || like >= NEAR_LIKENESS };
    })
    .filter((s) => s.near)
    .sort((a, b) => b.score - a.score);
  if (scored.length === 0) return { kind: 'unknown' };
  return { kind: 'near', candidates: scored.slice(0, MAX_CANDIDATES).map((s) => ({ unitId: s.unit.id, name: s.unit.name })) };
}

/**
 * A cell of unit names as a list: separated by 、，, ; or new lines, but not inside brackets
 * (各县（市、区）政府 is one name).
 */
export function unitNamesIn(text: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let name = '';
  for (const ch of text) {
    if (ch === '(' || ch === '（') depth += 1;
    if ((ch === ')' || ch === '）') && depth > 0) depth -= 1;
    if (depth === 0 && /[、，,;；\n\r/]/.test(ch)) {
      names.push(name);
      name = '';
    } else name += ch;
  }
  names.push(name);
  return names.map((n) => n.trim()).filter((n) => n !== '');
}

/**
 * A confirmed name becomes the unit's alias, unless the unit already answers to it; aliases stay
 * distinct once spaces and full-width forms are set aside.
 */
export function withAlias(unit: NamedUnit, written: string): string[] | undefined {
  const key = nameKey(written);
  if (key === '' || namesOf(unit).some((n) => nameKey(n) === key)) return undefined;
  return [...(unit.aliases ?? []), written.trim()];
}
