/**
 * 待办 of the office: what waits on it, gathered from the read routes the console already uses (no route of its
 * own): extension requests to decide (open items with a `pendingExtension`), completion claims awaiting 核查,
 * rectifications handed in and not yet reviewed, and units a mail bounced from (a contact 无法送达).
 * Reading the open items is every open item, 100 a page: for a city's few hundred, a few requests, cached a minute.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, ok } from './client';
import { allPages, keys, useUnits } from './queries';
import type { Item, Notice, Unit } from './types';

const OPEN_FOR_EXTENSION = ['assigned', 'acknowledged', 'in-progress'] as const;
const STALE = 60_000;

export interface RectificationToReview {
  notice: Notice;
  unitId: string;
  submittedAt?: string;
}

export interface OfficeToDo {
  extensions: Item[];
  claims: Item[];
  rectifications: RectificationToReview[];
  bounced: Unit[];
  /** Every list read (the counts are then whole). */
  ready: boolean;
  total: number;
}

/** `fresh`: the 待办 page reads anew on arrival; the menu's count may be a minute old. */
export function useOfficeToDo(enabled = true, fresh = false): OfficeToDo {
  const staleTime = fresh ? 0 : STALE;
  const open = useQuery({
    queryKey: [...keys.allItems, 'to-do', 'open'],
    queryFn: async () =>
      (
        await Promise.all(
          OPEN_FOR_EXTENSION.map((status) =>
            allPages<Item>((cursor) => ok(api.GET('/items', { params: { query: { status, limit: 100, cursor } } }))),
          ),
        )
      ).flat(),
    enabled,
    staleTime,
  });
  const claims = useQuery({
    queryKey: [...keys.allItems, 'to-do', 'claims'],
    queryFn: () =>
      allPages<Item>((cursor) => ok(api.GET('/items', { params: { query: { status: 'completion-claimed', limit: 100, cursor } } }))),
    enabled,
    staleTime,
  });
  // Keys of their own under the notices' (an invalidation of those reaches these): the pages' own reads stay as fresh
  // as they were, not a menu's minute-old copy.
  const notices = useQuery({
    queryKey: [...keys.notices, 'to-do'],
    queryFn: () => allPages<Notice>((cursor) => ok(api.GET('/notices', { params: { query: { limit: 100, cursor } } })), 10),
    enabled,
    staleTime,
  });
  const standing = (notices.data ?? []).filter((n) => !n.withdrawn);
  // A notice's page says where each named unit stands; the list does not.
  const details = useQueries({
    queries: standing.map((n) => ({
      queryKey: [...keys.notice(n.id), 'to-do'],
      queryFn: () => ok(api.GET('/notices/{id}', { params: { path: { id: n.id } } })),
      staleTime,
      enabled,
    })),
  });
  const units = useUnits(enabled);
  const extensions = (open.data ?? []).filter((i) => i.pendingExtension);
  const rectifications = details.flatMap((d) =>
    d.data
      ? (d.data.rectifications ?? [])
          .filter((r) => r.status === 'rectified' && r.review === undefined)
          .map((r) => ({ notice: d.data, unitId: r.unitId, submittedAt: r.submittedAt }))
      : [],
  );
  const bounced = (units.data ?? []).filter((u) => (u.contacts ?? []).some((c) => c.undeliverable));
  const ready = Boolean(open.data && claims.data && notices.data && units.data) && details.every((d) => d.data || d.isError);
  return {
    extensions,
    claims: claims.data ?? [],
    rectifications,
    bounced,
    ready,
    total: extensions.length + (claims.data?.length ?? 0) + rectifications.length + bounced.length,
  };
}
