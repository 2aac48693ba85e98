import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReceiverAction, ReceiverActionResult, ReplicationStatusView, RestorePointView, SlotActionResult, WalStatusView, WalTimelineView } from '@/server/contracts/wal';
import { fetchJson, toQueryString } from './fetch-json';
import { queryKeys } from './query-keys';

const walPath = (name: string) => `/api/servers/${encodeURIComponent(name)}`;

/** The WAL archive and its receiver; live while on screen (segments arrive, lag moves). */
export function useWalStatus(name: string) {
  return useQuery({
    queryKey: queryKeys.walStatus(name),
    queryFn: ({ signal }) => fetchJson<WalStatusView>(`${walPath(name)}/wal`, { signal }),
    refetchInterval: 5_000,
  });
}

export function useReceiverAction(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: ReceiverAction) => fetchJson<ReceiverActionResult>(`${walPath(name)}/receiver/${action}`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.walStatus(name) }),
  });
}

export function useSlotAction(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: 'create' | 'drop') => fetchJson<SlotActionResult>(`${walPath(name)}/receiver/slot`, { method: action === 'create' ? 'POST' : 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.walStatus(name) }),
  });
}

/**
 * The WAL archive over a window, aggregated by the server. `to` empty means "now" and the chart
 * follows it; the previous window stays drawn while the next loads.
 */
export function useWalTimeline(name: string, window: { from: string; to: string; buckets: number; whole?: string }) {
  return useQuery({
    queryKey: [...queryKeys.walTimeline(name, window.whole ? 'whole' : window.from, window.to || 'now'), window.buckets],
    queryFn: ({ signal }) =>
      fetchJson<WalTimelineView>(`${walPath(name)}/wal/timeline${toQueryString(window)}`, { signal }),
    placeholderData: (previous) => previous,
    refetchInterval: window.to ? false : 60_000,
  });
}

export function useRestorePoints(name: string) {
  return useQuery({
    queryKey: queryKeys.restorePoints(name),
    queryFn: ({ signal }) =>
      fetchJson<{ restorePoints: RestorePointView[] }>(`${walPath(name)}/restore-points`, { signal }).then((r) => r.restorePoints),
  });
}

export function useSwitchWal(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { force: boolean; waitForArchive: boolean }) =>
      fetchJson<{ switched: boolean; closedSegment: string | null; archived: boolean | null }>(`${walPath(name)}/switch-wal`, {
        method: 'POST',
        body: input,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.walStatus(name) }),
  });
}

export function useReplicationStatus(name: string) {
  return useQuery({
    queryKey: [...queryKeys.walStatus(name), 'replication'],
    queryFn: ({ signal }) => fetchJson<ReplicationStatusView>(`${walPath(name)}/replication-status`, { signal }),
    refetchInterval: 30_000,
    retry: false,
  });
}

export function useCreateRestorePoint(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string }) =>
      fetchJson<{ name: string; lsn: string }>(`${walPath(name)}/restore-points`, { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.walStatus(name) }),
  });
}
