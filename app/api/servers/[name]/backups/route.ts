import { z } from 'zod';
import { route } from '@/server/http/route';
import { sharedProducer } from '@/server/queue/producer';
import { listBackups } from '@/server/backup/list-backups';
import { startBackup } from '@/server/backup/start-backup';
import { listBackupsQuery, startBackupInput } from '@/server/contracts/backups';
import { serverNameSchema } from '@/server/contracts/servers';

const params = z.object({ name: serverNameSchema });

export const GET = route({ auth: 'viewer', params, query: listBackupsQuery }, ({ ctx, params, query }) =>
  listBackups({ ctx, input: { server: params.name, query } }),
);

export const POST = route({ auth: 'operator', params, body: startBackupInput, status: 202 }, async ({ ctx, params, body }) => ({
  run: await startBackup({ ctx, producer: sharedProducer(), input: { name: params.name, options: body } }),
}));
