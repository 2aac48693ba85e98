import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '../config/env';
import { disconnectDb } from '../db/client';
import { generateApiToken, hashToken, tokenDisplayPrefix } from '../auth/tokens';
import { missingMajorReason, supportedMajors } from '../local/postgres-binaries';
import { backupPaths } from '../backup/backup-layout';
import { readBackupRecord } from '../backup/backup-record';
import { useBackupFixture } from '../testing/backup-fixture';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { startRouteServer, type RouteServer } from '../http/route-server';
import { readDecompressed } from '../repository/read-decompressed';
import { errorsDir, storedWalPath } from './wal-layout';
import { parseWalFileName } from './wal-file-name';

// archive_command → cellar-wal-archive → HTTP → the WAL route → the archive, with a real
// PostgreSQL doing the pushing, and restore_command's cellar-wal-restore reading it back.

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const archiveCli = path.join(repoRoot, 'bin/cellar-wal-archive.mjs');
const restoreCli = path.join(repoRoot, 'bin/cellar-wal-restore.mjs');

describe.each(supportedMajors)('WAL pushed by PostgreSQL %i', (major) => {
  const missing = missingMajorReason(major);
  const fx = useBackupFixture();
  let web: RouteServer;
  let pgServer: PostgresServer;
  let server: { id: string; name: string };
  let secrets: string;
  let tokenFile: string;

  const cliArgs = () => ['--url', web.url, '--server', server.name, '--token-file', tokenFile];
  const archived = () =>
    fx.ctx.db.walSegment.findMany({
      where: { serverId: server.id, kind: 'segment' },
      orderBy: { segno: 'asc' },
    });
  const waitUntil = async (what: string, ok: () => Promise<boolean>, ms = 30_000) => {
    for (const deadline = Date.now() + ms; !(await ok()); await sleep(200))
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  };
  // A switch with nothing written since the last one is a no-op: write a little first.
  const switchWal = async () => {
    await pgServer.query(
      'CREATE TABLE IF NOT EXISTS ticks (at timestamptz); INSERT INTO ticks VALUES (now())',
    );
    return (
      (await pgServer.query<{ name: string }>('SELECT pg_walfile_name(pg_switch_wal()) AS name')).rows[0]
        ?.name ?? ''
    );
  };

  beforeAll(async () => {
    if (missing) return;
    // The route handlers use the process's catalog and repository, as in the web process.
    process.env.DATABASE_URL = fx.catalog.url;
    process.env.CELLAR_REPOSITORY = fx.root;
    resetEnvCache();
    const { PUT, GET } = await import('@/app/api/servers/[name]/wal/[file]/route');
    web = await startRouteServer([
      { pattern: /^\/api\/servers\/(?<name>[^/]+)\/wal\/(?<file>[^/]+)$/, methods: { PUT, GET } },
    ]);
    const user = await fx.ctx.db.user.create({
      data: { username: `u${major}`, passwordHash: 'x', role: 'operator' },
    });
    // The server row exists before PostgreSQL starts: its archive_command names it.
    server = await fx.ctx.db.server.create({
      data: {
        name: `push${major}`,
        conninfo: 'host=127.0.0.1 port=1 user=postgres',
        pushArchiver: true,
        walCompression: 'zstd',
      },
      select: { id: true, name: true },
    });
    const token = generateApiToken();
    await fx.ctx.db.apiToken.create({
      data: {
        name: 'db host',
        kind: 'wal_archive',
        prefix: tokenDisplayPrefix(token),
        tokenHash: hashToken(token),
        role: 'operator',
        userId: user.id,
        serverId: server.id,
      },
    });
    secrets = await mkdtemp(path.join(os.tmpdir(), 'cellar-wal-token-'));
    await chmod(secrets, 0o755);
    tokenFile = path.join(secrets, 'token');
    await writeFile(tokenFile, `${token}\n`, { mode: 0o644 });
    const command = [process.execPath, archiveCli, ...cliArgs(), '%p']
      .map((a) => (a === '%p' ? a : `'${a}'`))
      .join(' ');
    pgServer = await startPostgres({
      major,
      settings: { archive_mode: 'on', archive_command: command, wal_keep_size: '256MB' },
    });
    await fx.ctx.db.server.update({ where: { id: server.id }, data: { conninfo: pgServer.conninfo() } });
  });
  afterAll(async () => {
    await pgServer?.destroy();
    await web?.stop();
    await disconnectDb();
    if (secrets) await rm(secrets, { recursive: true, force: true });
  });

  it.skipIf(missing)('archives each segment byte-identical to the server’s own, compressed', async () => {
    await pgServer.query('CREATE TABLE t AS SELECT g, md5(g::text) FROM generate_series(1, 50000) g');
    const names = [await switchWal(), await switchWal()];
    await waitUntil(
      'two segments',
      async () => (await archived()).filter((s) => names.includes(s.name)).length === 2,
    );
    for (const row of (await archived()).filter((s) => names.includes(s.name))) {
      expect(row).toMatchObject({ codec: 'zstd', source: 'push', timeline: 1 });
      const stored = await readDecompressed(
        storedWalPath(fx.root, server.name, parseWalFileName(row.name), 'zstd'),
        'zstd',
      );
      expect(stored.equals(await readFile(path.join(pgServer.dataDir, 'pg_wal', row.name)))).toBe(true);
      expect(Number(row.storedSize)).toBeLessThan(Number(row.size));
    }
  });

  it.skipIf(missing)(
    'refuses a wrong token, a malformed name and a conflicting duplicate, keeping the stranger aside',
    async () => {
      const [first] = await archived();
      const segment = path.join(pgServer.dataDir, 'pg_wal', first?.name ?? '');
      const wrong = path.join(secrets, 'wrong');
      await writeFile(wrong, 'cellar_not-a-real-token');
      await expect(
        run(process.execPath, [
          archiveCli,
          '--url',
          web.url,
          '--server',
          server.name,
          '--token-file',
          wrong,
          segment,
        ]),
      ).rejects.toMatchObject({ stderr: expect.stringMatching(/not signed in|expired/) as string });
      const odd = path.join(secrets, 'not-a-wal-file');
      await writeFile(odd, 'x');
      await expect(run(process.execPath, [archiveCli, ...cliArgs(), odd])).rejects.toMatchObject({
        stderr: expect.stringMatching(/is not a WAL file name/) as string,
      });
      // The identical file again: accepted (archive_command retries are normal).
      await run(process.execPath, [archiveCli, ...cliArgs(), segment]);
      // Another file under the same name: refused and kept aside, the stored one untouched.
      const forged = path.join(secrets, first?.name ?? '');
      const bytes = await readFile(segment);
      bytes[100] = (bytes[100] ?? 0) ^ 0xff;
      await writeFile(forged, bytes);
      await expect(run(process.execPath, [archiveCli, ...cliArgs(), forged])).rejects.toMatchObject({
        stderr: expect.stringMatching(/already holds a different/) as string,
      });
      expect(
        (await readdir(errorsDir(fx.root, server.name))).some((f) => f.startsWith(`${first?.name ?? ''}.`)),
      ).toBe(true);
      const row = await fx.ctx.db.walSegment.findFirstOrThrow({
        where: { serverId: server.id, name: first?.name },
      });
      expect(row.checksum).toBe(first?.checksum);
    },
  );

  it.skipIf(missing)(
    'refuses a token of one server used for another, and a server with push archiving off',
    async () => {
      const [first] = await archived();
      const segment = path.join(pgServer.dataDir, 'pg_wal', first?.name ?? '');
      const off = await fx.ctx.db.server.create({
        data: { name: `off${major}`, conninfo: 'host=127.0.0.1 port=1 user=postgres' },
        select: { id: true, name: true },
      });
      const forOther = ['--url', web.url, '--server', off.name, '--token-file', tokenFile];
      await expect(run(process.execPath, [archiveCli, ...forOther, segment])).rejects.toMatchObject({
        stderr: expect.stringMatching(/not signed in|expired/) as string,
      });
      const user = await fx.ctx.db.user.findFirstOrThrow({ where: { username: `u${major}` } });
      const token = generateApiToken();
      await fx.ctx.db.apiToken.create({
        data: {
          name: 'off host',
          kind: 'wal_archive',
          prefix: tokenDisplayPrefix(token),
          tokenHash: hashToken(token),
          role: 'operator',
          userId: user.id,
          serverId: off.id,
        },
      });
      const offToken = path.join(secrets, 'off-token');
      await writeFile(offToken, token);
      await expect(
        run(process.execPath, [
          archiveCli,
          '--url',
          web.url,
          '--server',
          off.name,
          '--token-file',
          offToken,
          segment,
        ]),
      ).rejects.toMatchObject({ stderr: expect.stringMatching(/Push archiving is off/) as string });
      expect(await fx.ctx.db.walSegment.count({ where: { serverId: off.id } })).toBe(0);
    },
  );

  it.skipIf(missing)(
    'loses nothing while Cellar is down: PostgreSQL retries and the archive has no gap',
    async () => {
      await web.stop();
      const whileDown = [await switchWal(), await switchWal()];
      await waitUntil(
        'a failed attempt',
        async () =>
          Number(
            (await pgServer.query<{ n: string }>('SELECT failed_count AS n FROM pg_stat_archiver')).rows[0]
              ?.n,
          ) > 0,
      );
      await web.start();
      await waitUntil(
        'the segments pushed while down',
        async () => (await archived()).filter((s) => whileDown.includes(s.name)).length === 2,
        90_000,
      );
      const segnos = (await archived()).map((s) => s.segno);
      for (let i = 1; i < segnos.length; i++) expect(segnos[i]).toBe((segnos[i - 1] ?? 0n) + 1n);
    },
  );

  it.skipIf(missing)('turns a backup waiting for WAL into DONE once its segments arrive', async () => {
    await fx.ctx.db.server.update({ where: { id: server.id }, data: { conninfo: pgServer.conninfo() } });
    // Nothing is archived during the backup, so it ends waiting: a segment pushed before the
    // backup is recorded would make it DONE at once (takeBackup runs check-backup itself).
    await web.stop();
    const done = await fx.backup(server.name, { standalone: false });
    const backupId = (done.result as { backupId: string; status: string }).backupId;
    expect((done.result as { status: string }).status).toBe('WAITING_FOR_WALS');
    await web.start();
    await switchWal();
    await waitUntil(
      'DONE',
      async () =>
        (await fx.ctx.db.backup.findFirstOrThrow({ where: { backupId, serverId: server.id } })).status ===
        'DONE',
    );
    expect((await readBackupRecord(backupPaths(fx.root, server.name, backupId).dir)).status).toBe('DONE');
  });

  it.skipIf(missing)(
    'serves restore_command: the file, the next ones prefetched, and exit 1 past the end',
    async () => {
      const rows = await archived();
      const [first, second] = rows;
      const out = await mkdtemp(path.join(os.tmpdir(), 'cellar-wal-restore-'));
      try {
        const spool = path.join(out, 'spool');
        const dest = path.join(out, 'RECOVERYXLOG');
        await run(process.execPath, [
          restoreCli,
          ...cliArgs(),
          '--prefetch',
          '2',
          '--spool-dir',
          spool,
          first?.name ?? '',
          dest,
        ]);
        expect(
          (await readFile(dest)).equals(
            await readFile(path.join(pgServer.dataDir, 'pg_wal', first?.name ?? '')),
          ),
        ).toBe(true);
        expect(await readdir(spool)).toContain(second?.name);
        // The next call is served from the spool.
        await run(process.execPath, [
          restoreCli,
          ...cliArgs(),
          '--prefetch',
          '0',
          '--spool-dir',
          spool,
          second?.name ?? '',
          dest,
        ]);
        expect(await readdir(spool)).not.toContain(second?.name);
        expect((await readFile(dest)).length).toBe(16 * 1024 * 1024);
        await expect(
          run(process.execPath, [
            restoreCli,
            ...cliArgs(),
            '--spool-dir',
            spool,
            'FFFFFFFF0000000000000001',
            dest,
          ]),
        ).rejects.toMatchObject({ code: 1 });
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    },
  );
});
