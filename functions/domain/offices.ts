/**
 * 督查机构 in a tree (纵向到底): 安政办发〔2014〕134号 makes each level's supervision office responsible "for the
 * coordination of supervision of the government's departments at its level and for guiding the supervision work
 * of the level below" (一级抓一级). One deployment serves the root office (the city's, or a province's) and every
 * office under it; each has its own roster, ledger, notices and jobs.
 *
 * An office's id is its path from the root: the root is `root`; an office under the root is its own slug
 * (`hanbin`); one under that adds its slug (`hanbin/guanmiao`). So an office's subtree is every id that starts
 * with its own followed by `/`, and the ledger's keys (which carry the office) group a subtree by prefix.
 */
export const ROOT_OFFICE = 'root';
/** What the root office is called unless the upgrade was told otherwise (ROOT_OFFICE_NAME). */
export const DEFAULT_ROOT_OFFICE_NAME = '市政府督查室';

/** A slug of an office under its parent: what people type, kept short and safe in a key. */
export const OFFICE_SLUG = /^[a-z][a-z0-9-]{1,31}$/;

/** At most this many levels under the root: province → city → county → township. */
export const MAX_OFFICE_DEPTH = 3;

export interface Office {
  /** `root`, or the path of slugs from the root (`hanbin`, `hanbin/guanmiao`). */
  id: string;
  /** 市政府督查室, 汉滨区政府督查室. */
  name: string;
  /** Undefined for the root. */
  parentId?: string;
  /**
   * The government the office works for, as a unit of the parent office's roster (汉滨区人民政府 in the city's):
   * the unit that owns the parent's items and reports on them. Undefined for the root.
   */
  unitId?: string;
  /** The 文号 prefix of its notices (汉滨政督通); the root's comes from the deployment's setting. */
  noticeNumberPrefix?: string;
  registeredAt: string;
}

/** The id an office gets under its parent. */
export const childOfficeId = (parentId: string, slug: string): string => (parentId === ROOT_OFFICE ? slug : `${parentId}/${slug}`);

/** The parent's id of an office (undefined for the root). */
export function parentOfficeId(id: string): string | undefined {
  if (id === ROOT_OFFICE) return undefined;
  const at = id.lastIndexOf('/');
  return at < 0 ? ROOT_OFFICE : id.slice(0, at);
}

/** From the root down to the office itself: the breadcrumb 市 → 县 → 乡镇. */
export function officePath(id: string): string[] {
  if (id === ROOT_OFFICE) return [ROOT_OFFICE];
  const slugs = id.split('/');
  return [ROOT_OFFICE, ...slugs.map((_, at) => slugs.slice(0, at + 1).join('/'))];
}

/** Levels under the root: 0 for the root, 1 for a county under a city root. */
export const officeDepth = (id: string): number => officePath(id).length - 1;

/** Whether `id` names a well-formed office (the root, or one to three valid slugs). */
export function isOfficeId(id: string): boolean {
  if (id === ROOT_OFFICE) return true;
  const slugs = id.split('/');
  return slugs.length <= MAX_OFFICE_DEPTH && slugs.every((s) => OFFICE_SLUG.test(s) && s !== ROOT_OFFICE);
}

/** An office's id as an SES message tag, whose values take no `/` (slugs hold no `.`, so it reads back). */
export const officeTag = (id: string): string => id.replaceAll('/', '.');
export const officeOfTag = (tag: string): string => tag.replaceAll('.', '/');

/** Whether `office` is `over` itself or below it: the subtree an office supervises and reads. */
export const isWithin = (office: string, over: string): boolean => over === ROOT_OFFICE || office === over || office.startsWith(`${over}/`);

/**
 * How an office's people may enter another office's ledger (the X-Ducha-Office header): their own; one below
 * theirs, to read (a city reads down to a county's units' reports); the one directly above, where their
 * government is a unit (the county's clerk acts there as 汉滨区人民政府: reports, asks for an extension, hands in a
 * rectification); any other, not at all.
 */
export function reachOf(own: string, target: string): 'own' | 'below' | 'parent' | 'outside' {
  if (target === own) return 'own';
  if (isWithin(target, own)) return 'below';
  return parentOfficeId(own) === target ? 'parent' : 'outside';
}
