import type { Processor } from '../../server/queue/process-run-job';
import { applyRetentionInput } from '../../server/contracts/retention';
import { repositoryRoot } from '../../server/repository/repository-root';
import { applyRetention } from '../../server/retention/apply-retention';

export const retentionApply: Processor = async ({ ctx, run, handle }) => {
  if (!run.serverId) throw new Error('This retention run has no server.');
  const { backupIds } = applyRetentionInput.parse(run.input);
  const server = await ctx.db.server.findUniqueOrThrow({ where: { id: run.serverId } });
  await handle.phase('deleting');
  const outcome = await applyRetention({ ctx, input: { server, root: repositoryRoot(), only: backupIds, waitMs: 120_000 }, handle });
  if (outcome.busy) throw new Error(`Another deletion of ${server.name}'s backups kept running for two minutes; try again when it has finished.`);
  const { busy: _busy, ...result } = outcome;
  await handle.log('info', `deleted ${result.deleted.length} backup(s) and ${result.walFilesRemoved} WAL file(s)`);
  return result;
};
