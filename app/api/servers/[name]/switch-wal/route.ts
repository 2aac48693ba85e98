import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { switchWalInput } from '@/server/contracts/wal';
import { switchWal } from '@/server/wal/switch-wal';

const params = z.object({ name: serverNameSchema });

export const POST = route({ auth: 'operator', params, body: switchWalInput }, ({ ctx, params, body }) => switchWal({ ctx, input: { server: params.name, ...body } }));
