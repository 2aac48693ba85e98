import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateScheduleInput, ScheduleView, UpdateScheduleInput } from '@/server/contracts/schedules';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';

const schedulesPath = (server: string) => `/api/servers/${encodeURIComponent(server)}/schedules`;
const schedulePath = (server: string, id: string) => `${schedulesPath(server)}/${encodeURIComponent(id)}`;

/** A server's schedules; refreshed so next runs and outcomes stay current. */
export function useSchedules(server: string) {
  return useQuery({
    queryKey: queryKeys.schedules(server),
    queryFn: ({ signal }) =>
      fetchJson<{ schedules: ScheduleView[] }>(schedulesPath(server), { signal }).then((r) => r.schedules),
    refetchInterval: 15_000,
  });
}

function useInvalidate(server: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: queryKeys.schedules(server) });
}

export function useCreateSchedule(server: string) {
  const invalidate = useInvalidate(server);
  return useMutation({
    mutationFn: (input: CreateScheduleInput) =>
      fetchJson<ScheduleView>(schedulesPath(server), { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateSchedule(server: string, id: string) {
  const invalidate = useInvalidate(server);
  return useMutation({
    mutationFn: (input: UpdateScheduleInput) =>
      fetchJson<ScheduleView>(schedulePath(server, id), { method: 'PATCH', body: input }),
    onSuccess: invalidate,
  });
}

export function useDeleteSchedule(server: string, id: string) {
  const invalidate = useInvalidate(server);
  return useMutation({
    mutationFn: () => fetchJson<{ ok: true }>(schedulePath(server, id), { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
