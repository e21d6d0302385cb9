/**
 * 待办 of the office, in one request (GET /to-do): extension requests to decide, completion claims awaiting 核查,
 * rectifications handed in and not yet reviewed, units a mail bounced from, and the rows imports left to fix.
 * Under the items' key, so a change to an item (a decision, a 核查) reads it anew.
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from './client';
import { keys } from './queries';
import type { components } from './schema';

export type OfficeToDoLists = components['schemas']['OfficeToDo'];
export type ImportLeftover = components['schemas']['ImportLeftover'];

export interface OfficeToDo extends OfficeToDoLists {
  /** The answer came (the counts are whole). */
  ready: boolean;
  total: number;
}

const NOTHING: OfficeToDoLists = { extensions: [], claims: [], rectifications: [], bounced: [], importsLeft: [] };

/** `fresh`: the 待办 page reads anew on arrival; the menu's count may be a minute old. */
export function useOfficeToDo(enabled = true, fresh = false): OfficeToDo {
  const toDo = useQuery({
    queryKey: [...keys.allItems, 'to-do'],
    queryFn: () => ok(api.GET('/to-do')),
    enabled,
    staleTime: fresh ? 0 : 60_000,
  });
  const lists = toDo.data ?? NOTHING;
  const rows = lists.importsLeft.reduce((sum, left) => sum + left.rows.length, 0);
  return {
    ...lists,
    ready: toDo.data !== undefined,
    total: lists.extensions.length + lists.claims.length + lists.rectifications.length + lists.bounced.length + rows,
  };
}
