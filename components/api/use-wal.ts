import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReceiverAction, ReceiverActionResult, SlotActionResult, WalStatusView } from '@/server/contracts/wal';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';

const serverPath = (server: string) => `/api/servers/${encodeURIComponent(server)}`;

/** The WAL archive and its receiver; live while on screen (segments arrive, lag moves). */
export function useWalStatus(server: string) {
  return useQuery({
    queryKey: queryKeys.wal(server),
    queryFn: ({ signal }) => fetchJson<WalStatusView>(`${serverPath(server)}/wal`, { signal }),
    refetchInterval: 3_000,
  });
}

export function useReceiverAction(server: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: ReceiverAction) => fetchJson<ReceiverActionResult>(`${serverPath(server)}/receiver/${action}`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.wal(server) }),
  });
}

export function useSlotAction(server: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: 'create' | 'drop') => fetchJson<SlotActionResult>(`${serverPath(server)}/receiver/slot`, { method: action === 'create' ? 'POST' : 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.wal(server) }),
  });
}
