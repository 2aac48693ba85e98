import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  PlanRestoreInput,
  RecoveryWindowView,
  RestorePlanView,
  StartRestoreVerifyInput,
} from '@/server/contracts/recovery';
import type { SshDestinationTestView, TestSshDestinationInput } from '@/server/contracts/ssh-destination';
import type { RunView } from '@/server/contracts/runs';
import { useDebouncedValue } from '@/components/ui/use-debounced-value';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';

// The PITR wizard's requests: the window with fine activity buckets, the plan re-checked as the
// user types (debounced, cached per input, the previous answer kept on screen meanwhile), the SSH
// destination test and a verification of the restored target.

const base = (server: string) => `/api/servers/${encodeURIComponent(server)}`;

export function usePitrWindow(server: string, buckets: number) {
  return useQuery({
    queryKey: [...queryKeys.server(server), 'recovery-window', buckets],
    queryFn: ({ signal }) =>
      fetchJson<RecoveryWindowView>(`${base(server)}/recovery/window?buckets=${buckets}`, { signal }),
    refetchInterval: 60_000,
  });
}

/**
 * One plan request per pause in typing: the input is compared as JSON text (a new object each
 * render must not restart the timer), and an answer for the same input comes from the cache.
 */
export function useLivePlan(server: string, input: PlanRestoreInput | null, delayMs = 350) {
  const text = input ? JSON.stringify(input) : null;
  const settled = useDebouncedValue(text, delayMs);
  const query = useQuery({
    queryKey: [...queryKeys.server(server), 'plan', settled],
    queryFn: ({ signal }) =>
      fetchJson<RestorePlanView>(`${base(server)}/recovery/plan`, {
        method: 'POST',
        body: JSON.parse(settled ?? '{}') as unknown,
        signal,
      }),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
  return {
    ...query,
    settling: text !== settled || query.isPlaceholderData,
    current: text !== null && text === settled && !query.isPlaceholderData,
  };
}

export function useTestSshDestination(server: string) {
  return useMutation({
    mutationFn: (input: TestSshDestinationInput) =>
      fetchJson<SshDestinationTestView>(`${base(server)}/ssh-destination-test`, {
        method: 'POST',
        body: input,
      }),
  });
}

export function useVerifyTarget(server: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: StartRestoreVerifyInput) =>
      fetchJson<{ run: RunView }>(`${base(server)}/restore-verifications`, {
        method: 'POST',
        body: input,
      }).then((r) => r.run),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.runs }),
  });
}
