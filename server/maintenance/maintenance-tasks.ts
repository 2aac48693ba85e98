import type { Queue } from 'bullmq';
import type { Ctx } from '../context';
import type { Producer } from '../queue/producer';
import { failOrphanedBackups } from '../backup/fail-orphaned-backups';
import { enforceRetention } from '../retention/enforce-retention';
import { reconcileRuns } from '../runs/reconcile-runs';
import { syncSchedules } from '../schedules/sync-schedules';
import { checkAllWaitingBackups } from '../wal/check-all-waiting-backups';
import { indexAllArchives } from '../wal/index-all-archives';
import { evaluateAlerts } from '../alerts/evaluate-alerts';
import { deliverNotifications } from '../notifications/deliver-notifications';
import { checkAllServers } from './check-all-servers';

// What Barman's `cron` does, and what Cellar adds to it, as one list: each task runs on its own
// BullMQ Job Scheduler every `everyMs`, on whichever worker takes the job, never twice at once
// (run-maintenance-task.ts holds a lock per task). A new periodic duty (alert evaluation, a
// receiver supervisor) is one more entry here.

export type MaintenanceArgs = {
  ctx: Ctx;
  root: string;
  producer: Producer;
  schedulerQueue: Queue;
  workerId: string;
  now: Date;
  graceMs: number;
};

export type MaintenanceTask = {
  name: string;
  everyMs: number;
  run(args: MaintenanceArgs): Promise<unknown>;
};

const seconds = (s: number) => s * 1000;

export const maintenanceTasks: MaintenanceTask[] = [
  // Runs whose worker died are failed; the backups they left are failed or adopted.
  { name: 'reconcile-runs', everyMs: seconds(30), run: ({ ctx }) => reconcileRuns(ctx.db, ctx.log) },
  { name: 'fail-orphaned-backups', everyMs: seconds(30), run: ({ ctx, root }) => failOrphanedBackups(ctx.db, root, ctx.log) },
  // Barman's check-backup for backups still waiting for WAL.
  { name: 'check-backup', everyMs: seconds(30), run: ({ ctx, root }) => checkAllWaitingBackups({ ctx, input: { root } }) },
  { name: 'index-archives', everyMs: seconds(30), run: ({ ctx, root }) => indexAllArchives({ ctx, input: { root } }) },
  // retention_policy_mode = auto, and interrupted deletions finished.
  { name: 'retention', everyMs: seconds(60), run: ({ ctx, root, now }) => enforceRetention({ ctx, input: { root, now } }) },
  // Barman's check for every enabled server, kept as history.
  { name: 'checks', everyMs: seconds(300), run: ({ ctx, root }) => checkAllServers({ ctx, input: { root } }) },
  // Alert rules over the catalog and the repository (also evaluated after every run), and the
  // notification outbox: digests, retries with backoff.
  { name: 'alerts', everyMs: seconds(30), run: ({ ctx, root, now }) => evaluateAlerts({ ctx, input: { now, repositoryRoot: root } }) },
  { name: 'notifications', everyMs: seconds(15), run: ({ ctx }) => deliverNotifications({ ctx }) },
  // Job schedulers agree with the catalog; occurrences lost with them are reported.
  {
    name: 'schedules',
    everyMs: seconds(30),
    run: ({ ctx, schedulerQueue, producer, now, workerId, graceMs }) => syncSchedules({ ctx, queue: schedulerQueue, producer, input: { now, workerId, graceMs } }),
  },
];
