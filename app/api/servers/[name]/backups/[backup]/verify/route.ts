import { z } from 'zod';
import { route } from '@/server/http/route';
import { sharedProducer } from '@/server/queue/producer';
import { startBackupVerify } from '@/server/backup/start-backup-verify';
import { backupRefSchema } from '@/server/contracts/backups';
import { serverNameSchema } from '@/server/contracts/servers';

const params = z.object({ name: serverNameSchema, backup: backupRefSchema });

export const POST = route({ auth: 'operator', params, status: 202 }, async ({ ctx, params }) => ({
  run: await startBackupVerify({ ctx, producer: sharedProducer(), input: { server: params.name, backup: params.backup } }),
}));
