import { z } from 'zod';
import { route } from '@/server/http/route';
import { createScheduleInput } from '@/server/contracts/schedules';
import { serverNameSchema } from '@/server/contracts/servers';
import { listSchedules } from '@/server/schedules/list-schedules';
import { createSchedule } from '@/server/schedules/save-schedule';
import { sharedSchedulerQueue } from '@/server/schedules/scheduler-client';

const params = z.object({ name: serverNameSchema });

/** The server's schedules: next run, last outcome, missed runs. */
export const GET = route({ auth: 'viewer', params }, ({ ctx, params }) => listSchedules({ ctx, queue: sharedSchedulerQueue(), input: { server: params.name } }));

export const POST = route({ auth: 'operator', params, body: createScheduleInput, status: 201 }, ({ ctx, params, body }) =>
  createSchedule({ ctx, queue: sharedSchedulerQueue(), input: { server: params.name, body } }),
);
