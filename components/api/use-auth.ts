import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';
import type { CurrentUser } from './types';

type UserEnvelope = { user: CurrentUser };

export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => fetchJson<UserEnvelope>('/api/auth/me', { signal }).then((r) => r.user),
    staleTime: 60_000,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    // Wrong credentials answer 401 too; that must show on the form, not redirect to it.
    meta: { authRedirect: false },
    mutationFn: (input: { username: string; password: string }) =>
      fetchJson<UserEnvelope>('/api/auth/login', { method: 'POST', body: input }).then((r) => r.user),
    onSuccess: (user) => {
      client.clear();
      client.setQueryData(queryKeys.me, user);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    meta: { authRedirect: false },
    mutationFn: () => fetchJson<unknown>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => client.clear(),
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    // A wrong current password may answer 401; show it beside the field instead of signing out.
    meta: { authRedirect: false },
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      fetchJson<unknown>('/api/auth/password', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.me }),
  });
}
