import type { Processor } from '../../server/queue/process-run-job';
import { takeBackup } from '../../server/backup/take-backup';
import { repositoryRoot } from '../../server/repository/repository-root';

export const backupRun: Processor = async ({ ctx, run, handle }) => {
  if (!run.serverId) throw new Error('This backup run has no server.');
  return takeBackup({ ctx, input: { runId: run.id, serverId: run.serverId, root: repositoryRoot() }, handle });
};
