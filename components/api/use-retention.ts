import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplyRetentionInput, RetentionPreview } from '@/server/contracts/retention';
import type { RunView } from '@/server/contracts/runs';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';

const retentionPath = (server: string) => `/api/servers/${encodeURIComponent(server)}/retention`;

/** The retention dry run: statuses, reasons, what applying it now deletes. */
export function useRetentionPreview(server: string) {
  return useQuery({
    queryKey: queryKeys.retention(server),
    queryFn: ({ signal }) => fetchJson<RetentionPreview>(retentionPath(server), { signal }),
    refetchInterval: 60_000,
  });
}

/** Applies the policy as a run, limited to the backups of the preview the user confirmed. */
export function useApplyRetention(server: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ApplyRetentionInput) =>
      fetchJson<{ run: RunView }>(retentionPath(server), { method: 'POST', body: input }).then((r) => r.run),
    onSuccess: (run) => {
      client.setQueryData(queryKeys.run(run.id), run);
      return client.invalidateQueries({ queryKey: queryKeys.runs });
    },
  });
}
