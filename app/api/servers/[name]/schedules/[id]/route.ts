import { z } from 'zod';
import { route } from '@/server/http/route';
import { updateScheduleInput } from '@/server/contracts/schedules';
import { serverNameSchema } from '@/server/contracts/servers';
import { deleteSchedule, updateSchedule } from '@/server/schedules/save-schedule';
import { sharedSchedulerQueue } from '@/server/schedules/scheduler-client';

const params = z.object({ name: serverNameSchema, id: z.string().uuid() });

export const PATCH = route({ auth: 'operator', params, body: updateScheduleInput }, ({ ctx, params, body }) =>
  updateSchedule({ ctx, queue: sharedSchedulerQueue(), input: { server: params.name, id: params.id, body } }),
);

export const DELETE = route({ auth: 'operator', params }, async ({ ctx, params }) => {
  await deleteSchedule({ ctx, queue: sharedSchedulerQueue(), input: { server: params.name, id: params.id } });
  return { ok: true };
});
