import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { changeReplicationSlot } from '@/server/wal/receiver/replication-slot-actions';

// POST creates the server's replication slot (an existing one is fine), DELETE drops it
// (Barman's receive-wal --create-slot --if-not-exists, --drop-slot).
const params = z.object({ name: serverNameSchema });

export const POST = route({ auth: 'operator', params }, ({ ctx, params }) => changeReplicationSlot({ ctx, input: { server: params.name, action: 'create' } }));

export const DELETE = route({ auth: 'operator', params }, ({ ctx, params }) => changeReplicationSlot({ ctx, input: { server: params.name, action: 'drop' } }));
