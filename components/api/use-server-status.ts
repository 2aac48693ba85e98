import { useQuery } from '@tanstack/react-query';
import type { ServerCatalogStatus, ServerLiveStatus } from '@/server/contracts/server-status';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';

const statusPath = (name: string) => `/api/servers/${encodeURIComponent(name)}/status`;

/** Barman's status from the catalog: fast, refreshed every 30 seconds. */
export function useServerStatus(name: string) {
  return useQuery({
    queryKey: queryKeys.serverStatus(name),
    queryFn: ({ signal }) => fetchJson<ServerCatalogStatus>(`${statusPath(name)}/catalog`, { signal }),
    refetchInterval: 30_000,
  });
}

/**
 * What PostgreSQL says now. Asked once a minute and never retried at once: an unreachable server
 * answers 503 after its connect timeout, and asking again would only keep the panel waiting.
 */
export function useServerLiveStatus(name: string) {
  return useQuery({
    queryKey: queryKeys.serverLive(name),
    queryFn: ({ signal }) => fetchJson<ServerLiveStatus>(`${statusPath(name)}/postgres`, { signal }),
    refetchInterval: 60_000,
    retry: false,
  });
}
