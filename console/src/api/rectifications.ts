/**
 * 整改报告, read back (issue 12): every hand-in under a notice, oldest first per unit — the office
 * and leaders read all, a unit its own. Kept under the notice's key, so whatever refreshes a
 * notice (a hand-in, a review, a withdrawal) refreshes its rectifications too.
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from './client';
import { keys } from './queries';
import type { components } from './schema';

export type Rectification = components['schemas']['Rectification'];

export const rectificationKeys = {
  all: (noticeId: string) => [...keys.notice(noticeId), 'rectifications'] as const,
  unit: (noticeId: string, unitId: string) => [...keys.notice(noticeId), 'rectifications', unitId] as const,
};

export function useRectifications(noticeId: string) {
  return useQuery({
    queryKey: rectificationKeys.all(noticeId),
    queryFn: async () => (await ok(api.GET('/notices/{id}/rectifications', { params: { path: { id: noticeId } } }))).items,
  });
}

export function useUnitRectifications(noticeId: string, unitId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: rectificationKeys.unit(noticeId, unitId ?? ''),
    queryFn: async () =>
      (await ok(api.GET('/notices/{id}/rectifications/{unitId}', { params: { path: { id: noticeId, unitId: unitId ?? '' } } }))).items,
    enabled: enabled && Boolean(unitId),
  });
}

/** A unit's hand-ins, newest first (the latest is the one under review). */
export function byUnitNewestFirst(rectifications: readonly Rectification[]): Map<string, Rectification[]> {
  const byUnit = new Map<string, Rectification[]>();
  for (const r of rectifications) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  for (const list of byUnit.values()) list.sort((a, b) => (b.attempt ?? 1) - (a.attempt ?? 1));
  return byUnit;
}
