import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { receiverActionSchema } from '@/server/contracts/wal';
import { changeReceiver } from '@/server/wal/receiver/change-receiver';

// POST …/receiver/start | stop | reset (Barman's receive-wal, --stop, --reset).
const params = z.object({ name: serverNameSchema, action: receiverActionSchema });

export const POST = route({ auth: 'operator', params }, ({ ctx, params }) => changeReceiver({ ctx, input: { server: params.name, action: params.action } }));
