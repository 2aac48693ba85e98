import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';
import type { CreatedToken, Role, TokenView } from './types';

export function useTokens() {
  return useQuery({
    queryKey: queryKeys.tokens,
    queryFn: ({ signal }) =>
      fetchJson<{ tokens: TokenView[] }>('/api/tokens', { signal }).then((r) => r.tokens),
  });
}

export type CreateTokenInput = { name: string; role: Role; expiresInDays?: number };

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTokenInput) =>
      fetchJson<CreatedToken>('/api/tokens', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      fetchJson<unknown>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}
