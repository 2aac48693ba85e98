import type { Processors } from '../../server/queue/process-run-job';
import { backupRun } from './backup-run';
import { backupVerify } from './backup-verify';
import { restoreRun } from './restore-run';
import { restoreVerify } from './restore-verify';
import { retentionApply } from './retention-apply';
import { serverCheck } from './server-check';
import { walRebuild } from './wal-rebuild';

/** Job name → thin processor: parse, call one verb, return its result. */
export const processors: Processors = {
  'server.check': serverCheck,
  'backup.run': backupRun,
  'backup.verify': backupVerify,
  'wal.rebuild': walRebuild,
  'restore.run': restoreRun,
  'restore.verify': restoreVerify,
  'retention.apply': retentionApply,
};
