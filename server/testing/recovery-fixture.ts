import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { generateApiToken, hashToken, tokenDisplayPrefix } from '../auth/tokens';
import { resetEnvCache } from '../config/env';
import { disconnectDb } from '../db/client';
import type { StartRestoreInput } from '../contracts/recovery';
import type { Run } from '../db/generated/client';
import { startRouteServer, type RouteServer } from '../http/route-server';
import type { PgMajor } from '../local/postgres-binaries';
import type { PgSettings } from '../local/postgres-config';
import { startWorkers, type RunningWorkers } from '../queue/start-workers';
import { runRestore } from '../recovery/run-restore';
import { startRestore } from '../recovery/start-restore';
import { verifyRestore } from '../recovery/verify/verify-restore';
import { indexArchivedWal } from '../wal/index-archived-wal';
import { useBackupFixture, type BackupFixture } from './backup-fixture';
import { testRedis } from './catalog-fixture';
import { startPostgres, type PostgresServer } from './postgres-server';

// Recovery tests (not production code): a PostgreSQL whose archive_command pushes WAL through
// bin/cellar-wal-archive.mjs to the real WAL route, the backup fixture, and in-process workers
// for the restores queue — the same path as the API: verb → run → queue → worker.

const repoRoot = path.resolve(import.meta.dirname, '../..');
const archiveCli = path.join(repoRoot, 'bin/cellar-wal-archive.mjs');

export type RecoveryFixture = BackupFixture & {
  readonly web: RouteServer;
  readonly tokenFile: string;
  /** A PostgreSQL that archives into the server `name` (created here) through the push channel. */
  startArchivingPostgres(name: string, major: PgMajor, settings?: PgSettings): Promise<{ pg: PostgresServer; server: { id: string; name: string } }>;
  /** archive_command, as set on servers started here. */
  archiveCommand(serverName: string): string;
  /** Waits until `names` are in the catalog, then indexes the archive. */
  waitForArchive(serverId: string, names: string[], ms?: number): Promise<void>;
  restore(serverName: string, request: StartRestoreInput): Promise<Run>;
  tempDir(prefix: string): Promise<string>;
};

export function useRecoveryFixture(): RecoveryFixture {
  const fx = useBackupFixture();
  let web: RouteServer | undefined;
  let workers: RunningWorkers | undefined;
  let secrets = '';
  const temps: string[] = [];

  beforeAll(async () => {
    process.env.DATABASE_URL = fx.catalog.url;
    process.env.CELLAR_REPOSITORY = fx.root;
    resetEnvCache();
    const { PUT, GET } = await import('@/app/api/servers/[name]/wal/[file]/route');
    web = await startRouteServer([{ pattern: /^\/api\/servers\/(?<name>[^/]+)\/wal\/(?<file>[^/]+)$/, methods: { PUT, GET } }]);
    const redis = testRedis();
    workers = startWorkers({
      db: fx.catalog.db,
      logger: pino({ level: 'silent' }),
      redisUrl: redis.url,
      prefix: redis.prefix,
      concurrency: { restores: 2 },
      processors: {
        'restore.run': ({ ctx, run, handle }) => runRestore({ ctx, input: { run, root: fx.root }, handle }),
        'restore.verify': ({ ctx, run, handle }) => verifyRestore({ ctx, input: { run, root: fx.root }, handle }),
      },
    });
    secrets = await mkdtemp(path.join(os.tmpdir(), 'cellar-recovery-token-'));
    await chmod(secrets, 0o755);
  });
  afterAll(async () => {
    await workers?.close();
    await web?.stop();
    // The route handlers' catalog client is per process: the next fixture in this file opens its own.
    await disconnectDb();
    for (const dir of [...temps, secrets]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  const tokenFile = () => path.join(secrets, 'token');
  const archiveCommand = (serverName: string) =>
    [process.execPath, archiveCli, '--url', web?.url ?? '', '--server', serverName, '--token-file', tokenFile(), '%p'].map((a) => (a === '%p' ? a : `'${a}'`)).join(' ');

  const own = {
    get web() {
      if (!web) throw new Error('useRecoveryFixture: used outside a test');
      return web;
    },
    get tokenFile() {
      return tokenFile();
    },
    archiveCommand,
    async startArchivingPostgres(name: string, major: PgMajor, settings: PgSettings = {}) {
      const user = await fx.ctx.db.user.upsert({ where: { username: 'recovery-tests' }, create: { username: 'recovery-tests', passwordHash: 'x', role: 'operator' }, update: {} });
      const server = await fx.ctx.db.server.create({ data: { name, conninfo: 'host=127.0.0.1 port=1 user=postgres', pushArchiver: true, walCompression: 'zstd', compression: 'zstd' }, select: { id: true, name: true } });
      const token = generateApiToken();
      await fx.ctx.db.apiToken.create({ data: { name: `${name} host`, kind: 'wal_archive', prefix: tokenDisplayPrefix(token), tokenHash: hashToken(token), role: 'operator', userId: user.id, serverId: server.id } });
      // One token file per fixture: the latest server's token is also valid for get-wal of that server only.
      await writeFile(tokenFile(), `${token}\n`, { mode: 0o644 });
      const pg = await startPostgres({ major, dataChecksums: true, settings: { archive_mode: 'on', archive_command: archiveCommand(name), wal_keep_size: '256MB', track_commit_timestamp: 'on', ...settings } });
      await fx.ctx.db.server.update({ where: { id: server.id }, data: { conninfo: pg.conninfo() } });
      return { pg, server };
    },
    async waitForArchive(serverId: string, names: string[], ms = 60_000) {
      for (const deadline = Date.now() + ms; ; await sleep(200)) {
        const have = await fx.ctx.db.walSegment.count({ where: { serverId, name: { in: names } } });
        if (have === names.length) break;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${names.join(', ')} in the archive`);
      }
      const server = await fx.ctx.db.server.findUniqueOrThrow({ where: { id: serverId } });
      await indexArchivedWal({ ctx: fx.ctx, input: { server, root: fx.root } });
    },
    async restore(serverName: string, request: StartRestoreInput) {
      const view = await startRestore({ ctx: fx.ctx, producer: fx.producer, root: fx.root, input: { server: serverName, request } });
      return fx.waitForRun(view.id, undefined, 180_000);
    },
    async tempDir(prefix: string) {
      const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
      await chmod(dir, 0o755);
      temps.push(dir);
      return dir;
    },
  };
  // Descriptors, not Object.assign: the getters must run when used, not now.
  return Object.defineProperties(Object.create(fx) as BackupFixture, Object.getOwnPropertyDescriptors(own)) as RecoveryFixture;
}
