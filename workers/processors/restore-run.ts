import type { Processor } from '../../server/queue/process-run-job';
import { runRestore } from '../../server/recovery/run-restore';
import { repositoryRoot } from '../../server/repository/repository-root';

export const restoreRun: Processor = async ({ ctx, run, handle }) => runRestore({ ctx, input: { run, root: repositoryRoot() }, handle });
