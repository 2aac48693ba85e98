import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertList, AlertRuleKind, AlertRuleView, AlertSeverity, AlertState, AlertSummary, AlertView, UpdateAlertRuleInput } from '@/server/contracts/alerts';
import { fetchJson, toQueryString } from './fetch-json';
import { queryKeys } from './query-keys';

export type AlertFilters = { state: AlertState; server?: string; severity?: AlertSeverity; id?: string };

export function useAlerts(filters: AlertFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.alertList(filters), limit] as const,
    queryFn: ({ pageParam, signal }) => fetchJson<AlertList>(`/api/alerts${toQueryString({ ...filters, cursor: pageParam, limit })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 30_000,
  });
}

/** The navigation badge: refreshed every 30 s, as often as the workers evaluate. */
export function useAlertSummary() {
  return useQuery({
    queryKey: queryKeys.alertSummary,
    queryFn: ({ signal }) => fetchJson<AlertSummary>('/api/alerts/summary', { signal }),
    refetchInterval: 30_000,
  });
}

export function useAcknowledgeAlert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, comment }: { id: string; comment: string }) => fetchJson<AlertView>(`/api/alerts/${encodeURIComponent(id)}/acknowledge`, { method: 'POST', body: { comment } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.alerts }),
  });
}

export function useAlertRules() {
  return useQuery({
    queryKey: queryKeys.alertRules,
    queryFn: ({ signal }) => fetchJson<{ rules: AlertRuleView[] }>('/api/alerts/rules', { signal }).then((r) => r.rules),
  });
}

export function useUpdateAlertRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, ...change }: { kind: AlertRuleKind } & UpdateAlertRuleInput) => fetchJson<AlertRuleView>(`/api/alerts/rules/${kind}`, { method: 'PATCH', body: change }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.alertRules }),
  });
}
