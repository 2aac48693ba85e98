import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { finishedStatuses, type RunStatus, type RunView } from '@/server/contracts/runs';
import { fetchJson, toQueryString } from './fetch-json';
import { queryKeys } from './query-keys';

export type RunFilters = { serverId?: string; kind?: string; status?: RunStatus };
type RunPage = { runs: RunView[]; nextCursor: string | null };

export function isRunActive(run: Pick<RunView, 'status'>): boolean {
  return !finishedStatuses.includes(run.status);
}

/** Runs newest first, keyset-paginated; every loaded page is refreshed while the list is open. */
export function useRuns(filters: RunFilters, options: { limit?: number; live?: boolean } = {}) {
  const limit = options.limit ?? 50;
  return useInfiniteQuery({
    queryKey: [...queryKeys.runList(filters), limit] as const,
    queryFn: ({ pageParam, signal }) =>
      fetchJson<RunPage>(`/api/runs${toQueryString({ ...filters, cursor: pageParam, limit })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: options.live === false ? false : 5_000,
  });
}

/** One run with its log tail; polled every second until it has finished. */
export function useRun(id: string | null) {
  return useQuery({
    queryKey: queryKeys.run(id ?? ''),
    queryFn: ({ signal }) => fetchJson<RunView>(`/api/runs/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && !isRunActive(query.state.data) ? false : 1_000),
  });
}

export function useCancelRun(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<RunView>(`/api/runs/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
    onSuccess: (run) => {
      // The cancel endpoint answers with the run (without its log): keep the log we have.
      client.setQueryData<RunView>(queryKeys.run(id), (old) => ({ ...run, log: run.log ?? old?.log }));
      return client.invalidateQueries({ queryKey: queryKeys.runs });
    },
  });
}

/** Every kind of run this Cellar knows, from its job registry (the jobs filter). */
export function useRunKinds() {
  return useQuery({
    queryKey: queryKeys.runKinds,
    queryFn: ({ signal }) => fetchJson<{ kinds: string[] }>('/api/runs/kinds', { signal }).then((r) => r.kinds),
    staleTime: 10 * 60_000,
  });
}

/** A failed or cancelled run again, as a new run with the same input. */
export function useRetryRun(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      fetchJson<{ run: RunView }>(`/api/runs/${encodeURIComponent(id)}/retry`, { method: 'POST' }).then((r) => r.run),
    onSuccess: (run) => {
      client.setQueryData(queryKeys.run(run.id), run);
      return Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.runs }),
        client.invalidateQueries({ queryKey: queryKeys.run(id) }),
      ]);
    },
  });
}
