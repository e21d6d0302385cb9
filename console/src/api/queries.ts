/**
 * Server state lives here and only here: TanStack Query over the typed
 * client. Query keys are named once (`keys`) so a change invalidates exactly
 * what it changed.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api, ok } from './client';
import type { Assessment, ExtensionRequest, HistoryEvent, Item, ItemListQuery, Notice, Overview, Referral, Report, Unit } from './types';

export const keys = {
  offices: ['offices'] as const,
  units: ['units'] as const,
  items: (query: ItemListQuery & { q?: string }) => ['items', query] as const,
  allItems: ['items'] as const,
  item: (id: string) => ['item', id] as const,
  history: (id: string) => ['item', id, 'history'] as const,
  reports: (id: string) => ['item', id, 'reports'] as const,
  extensions: (id: string) => ['item', id, 'extensions'] as const,
  notices: ['notices'] as const,
  notice: (id: string) => ['notice', id] as const,
  referrals: ['referrals'] as const,
  overview: (asOf?: string, leader?: string) => ['overview', asOf ?? 'today', leader ?? 'all'] as const,
  assessment: (year: number) => ['assessment', year] as const,
};

/** Reads a paged listing whole, for the short ones (the roster, an item's history); capped so a bug cannot loop. */
export async function allPages<T>(read: (cursor?: string) => Promise<{ items: T[]; cursor?: string }>, maxPages = 50): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const answer = await read(cursor);
    all.push(...answer.items);
    cursor = answer.cursor;
    if (!cursor) break;
  }
  return all;
}

/** The tree as the person sees it: their office, the path to it from the root, the offices below it. */
export const officesOptions = {
  queryKey: keys.offices,
  queryFn: () => ok(api.GET('/offices')),
  staleTime: 10 * 60_000,
};

export function useOffices(enabled = true) {
  return useQuery({ ...officesOptions, enabled });
}

/** The unit roster, kept for the session: it changes rarely and names every unit on every page. */
export const unitsOptions = {
  queryKey: keys.units,
  queryFn: () => allPages<Unit>((cursor) => ok(api.GET('/units', { params: { query: { limit: 100, cursor } } }))),
  staleTime: 5 * 60_000,
};

export function useUnits(enabled = true) {
  return useQuery({ ...unitsOptions, enabled });
}

/** A unit's name by id; the id itself until the roster has loaded (or when the unit is not in it). */
export function useUnitName(enabled = true): (id: string) => string {
  const { data } = useUnits(enabled);
  const names = useMemo(() => new Map((data ?? []).map((u) => [u.id, u.name])), [data]);
  return useCallback((id: string) => names.get(id) ?? id, [names]);
}

/**
 * The roster's leaders (分管领导): the contacts with a leaderId, as select options and a name by leaderId (the
 * leaderId itself never shows: `（未在名册中的领导）` for one the roster no longer has).
 */
export function useLeaders(enabled = true) {
  const { data, isPending } = useUnits(enabled);
  const options = useMemo(
    () => (data ?? []).flatMap((u) => (u.contacts ?? []).flatMap((c) => (c.leaderId ? [{ value: c.leaderId, label: c.name }] : []))),
    [data],
  );
  const nameOf = useCallback(
    (leaderId: string) => options.find((o) => o.value === leaderId)?.label ?? (isPending ? '…' : '（未在名册中的领导）'),
    [options, isPending],
  );
  return { options, nameOf };
}

/** One page of the ledger. `q` (text search) is sent only when given. */
export const itemsPageOptions = (query: ItemListQuery & { q?: string }) => ({
  queryKey: keys.items(query),
  queryFn: () => ok(api.GET('/items', { params: { query } })),
});

export function useItemsPage(query: ItemListQuery & { q?: string }) {
  return useQuery({ ...itemsPageOptions(query), placeholderData: keepPreviousData });
}

/** Every item of a filter, page by page (a unit's own items, the inspector's queue: tens, not thousands). */
export function useAllItems(query: Omit<ItemListQuery, 'cursor' | 'limit'>) {
  return useQuery({
    queryKey: [...keys.allItems, 'all', query],
    queryFn: () => allPages<Item>((cursor) => ok(api.GET('/items', { params: { query: { ...query, limit: 100, cursor } } }))),
  });
}

export function useItem(id: string) {
  return useQuery({
    queryKey: keys.item(id),
    queryFn: () => ok(api.GET('/items/{id}', { params: { path: { id } } })),
    retry: (count, error) => count < 2 && !isClientError(error),
  });
}

export function useHistory(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.history(id),
    queryFn: () =>
      allPages<HistoryEvent>((cursor) => ok(api.GET('/items/{id}/history', { params: { path: { id }, query: { limit: 100, cursor } } }))),
    enabled,
  });
}

export function useReports(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.reports(id),
    queryFn: () =>
      allPages<Report>((cursor) => ok(api.GET('/items/{id}/reports', { params: { path: { id }, query: { limit: 100, cursor } } }))),
    enabled,
  });
}

export function useExtensions(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.extensions(id),
    queryFn: async (): Promise<ExtensionRequest[]> =>
      (await ok(api.GET('/items/{id}/extension-requests', { params: { path: { id } } }))).items,
    enabled,
  });
}

export function useNotices(enabled = true) {
  return useQuery({
    queryKey: keys.notices,
    queryFn: () => allPages<Notice>((cursor) => ok(api.GET('/notices', { params: { query: { limit: 100, cursor } } })), 10),
    enabled,
  });
}

export function useNotice(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.notice(id),
    queryFn: () => ok(api.GET('/notices/{id}', { params: { path: { id } } })),
    enabled,
    retry: (count, error) => count < 2 && !isClientError(error),
  });
}

export function useReferrals() {
  return useQuery({
    queryKey: keys.referrals,
    queryFn: () => allPages<Referral>((cursor) => ok(api.GET('/referrals', { params: { query: { limit: 100, cursor } } })), 10),
  });
}

/** 督查概览 of the whole city, or of one leader's portfolio (`me`: the signed-in leader's). */
export function useOverview(asOf?: string, leader?: string) {
  return useQuery({
    queryKey: keys.overview(asOf, leader),
    queryFn: (): Promise<Overview> =>
      ok(api.GET('/reports/overview', { params: { query: { ...(asOf ? { asOf } : {}), ...(leader ? { leader } : {}) } } })),
  });
}

export function useAssessment(year: number) {
  return useQuery({
    queryKey: keys.assessment(year),
    queryFn: (): Promise<Assessment> => ok(api.GET('/reports/assessment', { params: { query: { year: String(year) } } })),
  });
}

/** 4xx answers are final (no such item, not yours, refused): retrying them only delays the message. */
export function isClientError(error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** A year of the working-day calendar: its holidays and makeup days, and whose arrangement they are. */
export const calendarKey = (year: number) => ['calendar', year] as const;

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: calendarKey(year),
    queryFn: () => ok(api.GET('/calendar/{year}', { params: { path: { year: String(year) } } })),
    retry: (count, error) => count < 2 && !isClientError(error),
  });
}
