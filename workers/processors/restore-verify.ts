import type { Processor } from '../../server/queue/process-run-job';
import { verifyRestore } from '../../server/recovery/verify/verify-restore';
import { repositoryRoot } from '../../server/repository/repository-root';

export const restoreVerify: Processor = async ({ ctx, run, handle }) => verifyRestore({ ctx, input: { run, root: repositoryRoot() }, handle });
