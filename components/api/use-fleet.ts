import { useQuery } from '@tanstack/react-query';
import type { FleetView } from '@/server/contracts/fleet';
import { fetchJson, toQueryString } from './fetch-json';
import { queryKeys } from './query-keys';

/** The dashboard stays open all day: refreshed every 10 seconds, and when the tab comes back. */
export const fleetRefreshMs = 10_000;

export function useFleet() {
  return useQuery({
    queryKey: queryKeys.fleet,
    queryFn: ({ signal }) => fetchJson<FleetView>('/api/fleet', { signal }),
    refetchInterval: fleetRefreshMs,
    refetchOnWindowFocus: true,
  });
}

/** One server's row of the fleet: the health shown in its page's header. */
export function useServerHealth(name: string) {
  return useQuery({
    queryKey: queryKeys.serverHealth(name),
    queryFn: ({ signal }) =>
      fetchJson<FleetView>(`/api/fleet${toQueryString({ server: name })}`, { signal }).then((f) => f.servers[0] ?? null),
    refetchInterval: fleetRefreshMs,
  });
}
