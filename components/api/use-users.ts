import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';
import type { Role, UserView } from './types';

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => fetchJson<{ users: UserView[] }>('/api/users', { signal }).then((r) => r.users),
    enabled,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string; role: Role }) =>
      fetchJson<unknown>('/api/users', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export type UserChanges = { role?: Role; disabled?: boolean; password?: string };

export function useUpdateUser(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: UserChanges) =>
      fetchJson<unknown>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
