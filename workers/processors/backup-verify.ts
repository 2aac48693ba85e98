import { z } from 'zod';
import type { Processor } from '../../server/queue/process-run-job';
import { verifyBackup } from '../../server/backup/verify-backup';
import { repositoryRoot } from '../../server/repository/repository-root';

const input = z.object({ backupUuid: z.string().uuid() });

export const backupVerify: Processor = async ({ ctx, run, handle }) => {
  const { backupUuid } = input.parse(run.input);
  const report = await verifyBackup({ ctx, input: { backupUuid, root: repositoryRoot() }, handle });
  return { ok: report.ok, files: report.files, bytes: report.bytes, summary: report.summary };
};
