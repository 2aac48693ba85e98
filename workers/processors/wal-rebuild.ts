import type { Processor } from '../../server/queue/process-run-job';
import { repositoryRoot } from '../../server/repository/repository-root';
import { rebuildWalCatalog } from '../../server/wal/rebuild-wal-catalog';

export const walRebuild: Processor = async ({ ctx, run, handle }) => {
  if (!run.serverId) throw new Error('This rebuild run has no server.');
  await handle.phase('reading the archive');
  return rebuildWalCatalog({ ctx, input: { serverId: run.serverId, root: repositoryRoot() }, handle });
};
