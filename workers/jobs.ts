// Worker process: runs queued jobs (checks now; backups, restores and maintenance as they come)
// and the reconciler that fails runs whose worker died. SIGTERM/SIGINT let active jobs finish.
import { env } from '../server/config/env';
import { systemActor, type Ctx } from '../server/context';
import { checkAllWaitingBackups } from '../server/wal/check-all-waiting-backups';
import { indexAllArchives } from '../server/wal/index-all-archives';
import { db, disconnectDb } from '../server/db/client';
import { logger } from '../server/log/logger';
import { startWorkers } from '../server/queue/start-workers';
import { failOrphanedBackups } from '../server/backup/fail-orphaned-backups';
import { repositoryRoot } from '../server/repository/repository-root';
import { reconcileRuns } from '../server/runs/reconcile-runs';
import { evaluateAlerts } from '../server/alerts/evaluate-alerts';
import { deliverNotifications } from '../server/notifications/deliver-notifications';
import { processors } from './processors';

const maintenanceCtx: Ctx = { db: db(), actor: systemActor, requestId: 'maintenance', log: logger };
// A finished run (backup, verify, restore, check) may open or resolve alerts of its server now.
const workers = startWorkers({
  db: db(),
  logger,
  processors,
  globalConcurrency: { backups: env().CELLAR_BACKUP_CONCURRENCY },
  afterRun: async (run) => {
    await evaluateAlerts({ ctx: maintenanceCtx, input: { serverId: run.serverId ?? undefined, reason: `run ${run.kind} ${run.status}` } });
  },
});

// Runs whose worker died are failed, what they left behind is cleaned up, and backups waiting
// for WAL are checked again (Barman's cron).
const reconcile = async () => {
  await reconcileRuns(db(), logger);
  await failOrphanedBackups(db(), repositoryRoot(), logger);
  await checkAllWaitingBackups({ ctx: maintenanceCtx, input: { root: repositoryRoot() } });
  await indexAllArchives({ ctx: maintenanceCtx, input: { root: repositoryRoot() } });
};
// Alerts are evaluated and notifications sent apart from the reconciler: a failure there must not hold them back.
const alertMaintenance = async () => {
  await evaluateAlerts({ ctx: maintenanceCtx }).catch((err: unknown) => logger.warn({ err }, 'alert evaluation failed'));
  await deliverNotifications({ ctx: maintenanceCtx }).catch((err: unknown) => logger.warn({ err }, 'notification delivery failed'));
};
const reconcileEveryMs = 30_000;
const reconciler = setInterval(() => {
  reconcile().catch((err: unknown) => logger.warn({ err }, 'reconciler failed'));
  void alertMaintenance();
}, reconcileEveryMs);
reconcile().catch((err: unknown) => logger.warn({ err }, 'reconciler failed'));
void alertMaintenance();

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping: waiting for active jobs to finish');
  clearInterval(reconciler);
  await workers.close();
  await disconnectDb();
  logger.info('stopped');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
