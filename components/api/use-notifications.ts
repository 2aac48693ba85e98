import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelView, ChannelWithSecret, CreateChannelInput, DeliveryView, TestSendResult, UpdateChannelInput } from '@/server/contracts/notifications';
import { fetchJson, toQueryString } from './fetch-json';
import { queryKeys } from './query-keys';

export function useChannels() {
  return useQuery({
    queryKey: queryKeys.channels,
    queryFn: ({ signal }) => fetchJson<{ channels: ChannelView[] }>('/api/notifications/channels', { signal }).then((r) => r.channels),
    refetchInterval: 30_000,
  });
}

export function useDeliveries(channel?: string) {
  return useQuery({
    queryKey: queryKeys.deliveries(channel),
    queryFn: ({ signal }) => fetchJson<{ deliveries: DeliveryView[] }>(`/api/notifications/deliveries${toQueryString({ channel, limit: 20 })}`, { signal }).then((r) => r.deliveries),
    refetchInterval: 30_000,
  });
}

function useInvalidateChannels() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['notifications'] });
}

export function useCreateChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({ mutationFn: (input: CreateChannelInput) => fetchJson<ChannelWithSecret>('/api/notifications/channels', { method: 'POST', body: input }), onSuccess: invalidate });
}

export function useUpdateChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: ({ id, ...change }: { id: string } & UpdateChannelInput) => fetchJson<ChannelWithSecret>(`/api/notifications/channels/${encodeURIComponent(id)}`, { method: 'PATCH', body: change }),
    onSuccess: invalidate,
  });
}

export function useDeleteChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({ mutationFn: (id: string) => fetchJson<unknown>(`/api/notifications/channels/${encodeURIComponent(id)}`, { method: 'DELETE' }), onSuccess: invalidate });
}

export function useTestChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({ mutationFn: (id: string) => fetchJson<TestSendResult>(`/api/notifications/channels/${encodeURIComponent(id)}/test`, { method: 'POST' }), onSuccess: invalidate });
}
