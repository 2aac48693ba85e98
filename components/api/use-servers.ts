import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateServerInput, ServerView, UpdateServerInput } from '@/server/contracts/servers';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';
import type { ServerSummary } from './types';

const serverPath = (name: string) => `/api/servers/${encodeURIComponent(name)}`;

/** The fleet, polled: the dashboard stays open all day. */
export function useServers(options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.servers,
    queryFn: ({ signal }) =>
      fetchJson<{ servers: ServerSummary[] }>('/api/servers', { signal }).then((r) => r.servers),
    refetchInterval: options.live ? 5_000 : false,
  });
}

export function useServer(name: string) {
  return useQuery({
    queryKey: queryKeys.server(name),
    queryFn: ({ signal }) => fetchJson<ServerView>(serverPath(name), { signal }),
  });
}

export function useCreateServer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateServerInput) =>
      fetchJson<ServerView>('/api/servers', { method: 'POST', body: input }),
    onSuccess: (server) => {
      client.setQueryData(queryKeys.server(server.name), server);
      return client.invalidateQueries({ queryKey: queryKeys.servers, exact: true });
    },
  });
}

export function useUpdateServer(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: UpdateServerInput) =>
      fetchJson<ServerView>(serverPath(name), { method: 'PATCH', body: changes }),
    onSuccess: (server) => {
      client.setQueryData(queryKeys.server(name), server);
      return client.invalidateQueries({ queryKey: queryKeys.servers, exact: true });
    },
  });
}

export function useDeleteServer(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<{ ok: boolean }>(serverPath(name), { method: 'DELETE' }),
    onSuccess: () => {
      client.removeQueries({ queryKey: queryKeys.server(name) });
      return client.invalidateQueries({ queryKey: queryKeys.servers, exact: true });
    },
  });
}
