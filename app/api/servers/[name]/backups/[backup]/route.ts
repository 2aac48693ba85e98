import { z } from 'zod';
import { route } from '@/server/http/route';
import { deleteBackup } from '@/server/backup/delete-backup';
import { getBackup } from '@/server/backup/get-backup';
import { backupRefSchema } from '@/server/contracts/backups';
import { serverNameSchema } from '@/server/contracts/servers';
import { repositoryRoot } from '@/server/repository/repository-root';

const params = z.object({ name: serverNameSchema, backup: backupRefSchema });

export const GET = route({ auth: 'viewer', params }, ({ ctx, params }) => getBackup({ ctx, input: { server: params.name, backup: params.backup } }));

export const DELETE = route({ auth: 'operator', params }, async ({ ctx, params }) => {
  await deleteBackup({ ctx, input: { server: params.name, backup: params.backup, root: repositoryRoot() } });
  return { ok: true };
});
