import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StartRestoreInput } from '@/server/contracts/recovery';
import type { RunView } from '@/server/contracts/runs';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';

const base = (server: string) => `/api/servers/${encodeURIComponent(server)}`;

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
