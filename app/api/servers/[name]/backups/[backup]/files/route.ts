import { z } from 'zod';
import { route } from '@/server/http/route';
import { listBackupFiles } from '@/server/backup/list-backup-files';
import { backupRefSchema, listBackupFilesQuery } from '@/server/contracts/backups';
import { serverNameSchema } from '@/server/contracts/servers';
import { repositoryRoot } from '@/server/repository/repository-root';

const params = z.object({ name: serverNameSchema, backup: backupRefSchema });

export const GET = route({ auth: 'viewer', params, query: listBackupFilesQuery }, ({ ctx, params, query }) =>
  listBackupFiles({ ctx, input: { server: params.name, backup: params.backup, root: repositoryRoot(), query } }),
);
