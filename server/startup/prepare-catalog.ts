import { env } from '../config/env';
import { db } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { logger } from '../log/logger';
import { systemActor } from '../context';
import { ensureFirstAdmin } from '../auth/ensure-first-admin';

/**
 * Run by the web process before it serves: brings the catalog schema up to date (advisory-locked,
 * safe from several processes) and creates the first admin on the very first start. Its
 * one-time password is printed once, here, and stored nowhere in clear.
 */
export async function prepareCatalog(): Promise<void> {
  const applied = await applyMigrations(env().DATABASE_URL);
  if (applied.length) logger.info({ applied }, 'catalog migrated');
  const admin = await ensureFirstAdmin({ ctx: { db: db(), actor: systemActor, requestId: 'startup', log: logger } });
  if (admin.created && admin.password) {
    process.stdout.write(
      `\n  First start: an admin account was created.\n    username: ${admin.username}\n    password: ${admin.password}  (one-time: you will be asked to change it)\n\n`,
    );
  } else if (admin.created) {
    process.stdout.write(`\n  First start: admin account '${admin.username}' created with CELLAR_ADMIN_PASSWORD.\n\n`);
  }
}
