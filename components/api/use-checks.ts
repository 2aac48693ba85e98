import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RunView } from '@/server/contracts/runs';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';
import type { CheckReportView } from './types';

export function useCheckReports(name: string, limit = 20) {
  return useQuery({
    queryKey: [...queryKeys.checks(name), limit],
    queryFn: ({ signal }) =>
      fetchJson<{ reports: CheckReportView[] }>(
        `/api/servers/${encodeURIComponent(name)}/checks?limit=${limit}`,
        { signal },
      ).then((r) => r.reports),
    refetchInterval: 30_000,
  });
}

export function useStartCheck(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      fetchJson<{ run: RunView }>(`/api/servers/${encodeURIComponent(name)}/check`, { method: 'POST' }).then(
        (r) => r.run,
      ),
    onSuccess: (run) => {
      client.setQueryData(queryKeys.run(run.id), run);
      return client.invalidateQueries({ queryKey: queryKeys.runs });
    },
  });
}

/** After a check run ends: the new report, the fleet's health and the run lists are stale. */
export function useRefreshAfterCheck(name: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.checks(name) }),
      client.invalidateQueries({ queryKey: queryKeys.servers, exact: true }),
      client.invalidateQueries({ queryKey: queryKeys.runs }),
    ]);
}
