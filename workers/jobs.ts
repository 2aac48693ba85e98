// Worker process: runs queued jobs (checks, backups, verifications, retention), fires the
// schedules and runs the periodic maintenance (Barman's cron: server/maintenance/maintenance-tasks.ts)
// on BullMQ Job Schedulers. SIGTERM/SIGINT let active jobs finish.
import { env } from '../server/config/env';
import { systemActor, type Ctx } from '../server/context';
import { db, disconnectDb } from '../server/db/client';
import { logger } from '../server/log/logger';
import { createProducer } from '../server/queue/producer';
import { startWorkers } from '../server/queue/start-workers';
import { repositoryRoot } from '../server/repository/repository-root';
import { startScheduler } from '../server/schedules/start-scheduler';
import { evaluateAlerts } from '../server/alerts/evaluate-alerts';
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
const producer = createProducer();
const scheduler = startScheduler({ db: db(), logger, root: repositoryRoot(), producer, workerId: workers.workerId });
scheduler.catch((err: unknown) => {
  logger.fatal({ err }, 'the scheduler could not start');
  process.exit(1);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping: waiting for active jobs to finish');
  await (await scheduler).close();
  await workers.close();
  await producer.close();
  await disconnectDb();
  logger.info('stopped');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
