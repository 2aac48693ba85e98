import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlanRestoreInput, RecoveryWindowView, RestorePlanView, StartRestoreInput } from '@/server/contracts/recovery';
import type { RunView } from '@/server/contracts/runs';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';

const base = (server: string) => `/api/servers/${encodeURIComponent(server)}`;

/** The recoverable window of every timeline (what the restore form and the PITR wizard show). */
export function useRecoveryWindow(server: string) {
  return useQuery({
    queryKey: [...queryKeys.server(server), 'recovery-window'],
    queryFn: ({ signal }) => fetchJson<RecoveryWindowView>(`${base(server)}/recovery/window?buckets=24`, { signal }),
  });
}

/** The dry run: 200 with ok false and the problems when the target is out of reach. */
export function usePlanRestore(server: string) {
  return useMutation({
    mutationFn: (input: PlanRestoreInput) => fetchJson<RestorePlanView>(`${base(server)}/recovery/plan`, { method: 'POST', body: input }),
  });
}

export function useStartRestore(server: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: StartRestoreInput) => fetchJson<{ run: RunView }>(`${base(server)}/restores`, { method: 'POST', body: input }).then((r) => r.run),
    onSuccess: (run) => {
      client.setQueryData(queryKeys.run(run.id), run);
      return client.invalidateQueries({ queryKey: queryKeys.runs });
    },
  });
}

export function useStartRestoreVerify(server: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (backup: string) => fetchJson<{ run: RunView }>(`${base(server)}/restore-verifications`, { method: 'POST', body: { backup } }).then((r) => r.run),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.runs }),
  });
}
