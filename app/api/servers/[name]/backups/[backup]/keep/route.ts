import { z } from 'zod';
import { route } from '@/server/http/route';
import { keepBackup } from '@/server/backup/keep-backup';
import { backupRefSchema, keepBackupInput } from '@/server/contracts/backups';
import { serverNameSchema } from '@/server/contracts/servers';
import { repositoryRoot } from '@/server/repository/repository-root';

const params = z.object({ name: serverNameSchema, backup: backupRefSchema });

export const PUT = route({ auth: 'operator', params, body: keepBackupInput }, ({ ctx, params, body }) =>
  keepBackup({ ctx, input: { server: params.name, backup: params.backup, root: repositoryRoot(), target: body.target } }),
);

/** Barman's keep --release. */
export const DELETE = route({ auth: 'operator', params }, ({ ctx, params }) =>
  keepBackup({ ctx, input: { server: params.name, backup: params.backup, root: repositoryRoot(), target: null } }),
);
