// The WAL receiver process: streams WAL from every server whose streaming archiver is on, one
// receiver per server across all receiver processes (each server's advisory lock on the catalog
// elects the one that streams). Run one per worker host; SIGTERM/SIGINT stop streaming cleanly
// (everything received is synced, the .partial files stay for the next start).
import os from 'node:os';
import { env } from '../server/config/env';
import { systemActor, type Ctx } from '../server/context';
import { db, disconnectDb } from '../server/db/client';
import { logger } from '../server/log/logger';
import { repositoryRoot } from '../server/repository/repository-root';
import { ReceiverFleet } from '../server/wal/receiver/receiver-fleet';

const ctx: Ctx = { db: db(), actor: systemActor, requestId: 'wal-receiver', log: logger };
const fleet = new ReceiverFleet({ ctx, root: repositoryRoot(), catalogUrl: env().DATABASE_URL, owner: { host: os.hostname(), pid: process.pid } });
fleet.start();
logger.info('WAL receiver process started');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping the WAL receivers');
  await fleet.stop();
  await disconnectDb();
  logger.info('stopped');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
