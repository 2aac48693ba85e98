import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiToken, hashToken, tokenDisplayPrefix } from '../../auth/tokens';
import { resetEnvCache } from '../../config/env';
import { disconnectDb } from '../../db/client';
import { startRouteServer, type RouteServer } from '../../http/route-server';
import { missingMajorReason, supportedMajors } from '../../local/postgres-binaries';
import { parseLsn } from '../../pg/lsn';
import { readDecompressed } from '../../repository/read-decompressed';
import { useBackupFixture } from '../../testing/backup-fixture';
import { startPostgres, type PostgresServer } from '../../testing/postgres-server';
import { spawnReceiver, type ReceiverProcess } from '../../testing/receiver-process';
import { compareArchiveWithPgWal } from '../../testing/wal-archive-compare';
import { findWalGaps } from '../find-wal-gaps';
import { samePartialWal } from '../store-wal-file';
import { parseWalFileName } from '../wal-file-name';
import { errorsDir, storedWalPath } from '../wal-layout';

// A timeline switch, as a failover makes it: Cellar streams from a standby (cascading), the
// standby is promoted, and streaming carries on along the new timeline from the switch point.
// The promoted server also pushes through archive_command into the same archive, as a server
// with both of Barman's archivers does: its timeline history file, the old timeline's last
// segment as `.partial`, and the new timeline's first segment (whose first page still names the
// old timeline) must all be accepted, and agree with what streaming stored.

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const archiveCli = path.join(repoRoot, 'bin/cellar-wal-archive.mjs');

describe.each(supportedMajors)('WAL receiver across a promotion on PostgreSQL %i', (major) => {
  const missing = missingMajorReason(major);
  const fx = useBackupFixture();
  let primary: PostgresServer;
  let standby: PostgresServer;
  let web: RouteServer;
  let receiver: ReceiverProcess;
  let work: string;
  let server: { id: string; name: string };

  const waitUntil = async (what: string, ok: () => Promise<boolean>, ms = 60_000) => {
    for (const deadline = Date.now() + ms; !(await ok().catch(() => false)); await sleep(200))
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  };
  const row = (name: string) => fx.ctx.db.walSegment.findUnique({ where: { serverId_name: { serverId: server.id, name } } });
  const lsnOf = async (pgServer: PostgresServer, sql: string) => parseLsn((await pgServer.query<{ l: string }>(`SELECT (${sql})::text AS l`)).rows[0]?.l ?? '0/0');
  const switchOn = async (pgServer: PostgresServer) => {
    await pgServer.query("INSERT INTO t SELECT g, repeat('y', 100) FROM generate_series(1, 20000) g");
    return (await pgServer.query<{ name: string }>('SELECT pg_walfile_name(pg_switch_wal()) AS name')).rows[0]?.name ?? '';
  };

  beforeAll(async () => {
    if (missing) return;
    process.env.DATABASE_URL = fx.catalog.url;
    process.env.CELLAR_REPOSITORY = fx.root;
    resetEnvCache();
    const { PUT } = await import('@/app/api/servers/[name]/wal/[file]/route');
    web = await startRouteServer([{ pattern: /^\/api\/servers\/(?<name>[^/]+)\/wal\/(?<file>[^/]+)$/, methods: { PUT } }]);
    work = await mkdtemp(path.join(os.tmpdir(), 'cellar-timeline-'));
    await chmod(work, 0o755);
    server = await fx.ctx.db.server.create({ data: { name: `tl${major}`, conninfo: 'host=127.0.0.1 port=1 user=postgres', streamingArchiver: true, pushArchiver: true, slotName: 'cellar', createSlot: true, walCompression: 'zstd' }, select: { id: true, name: true } });
    const user = await fx.ctx.db.user.create({ data: { username: `tl${major}`, passwordHash: 'x', role: 'operator' } });
    const token = generateApiToken();
    await fx.ctx.db.apiToken.create({ data: { name: 'standby', kind: 'wal_archive', prefix: tokenDisplayPrefix(token), tokenHash: hashToken(token), role: 'operator', userId: user.id, serverId: server.id } });
    const tokenFile = path.join(work, 'token');
    await writeFile(tokenFile, `${token}\n`, { mode: 0o644 });

    // A standby made the simple way: a copy of the primary's data directory, shut down cleanly.
    primary = await startPostgres({ major, settings: { wal_keep_size: '1GB' } });
    await primary.query('CREATE TABLE t (n int, pad text)');
    await primary.stop();
    const standbyData = path.join(work, 'standby');
    await run('cp', ['-a', primary.dataDir, standbyData]);
    await writeFile(path.join(standbyData, 'standby.signal'), '');
    await primary.start();
    const archiveCommand = [process.execPath, archiveCli, '--url', web.url, '--server', server.name, '--token-file', tokenFile].map((a) => `'${a}'`).join(' ');
    standby = await startPostgres({
      major,
      dataDir: standbyData,
      settings: { primary_conninfo: `host=127.0.0.1 port=${primary.port} user=postgres`, hot_standby: true, wal_keep_size: '1GB', archive_mode: 'on', archive_command: `${archiveCommand} %p` },
    });
    await fx.ctx.db.server.update({ where: { id: server.id }, data: { conninfo: standby.conninfo() } });
    receiver = spawnReceiver({ catalogUrl: fx.catalog.url, root: fx.root, masterKey: fx.masterKey, logFile: path.join(work, 'receiver.log') });
  });
  afterAll(async () => {
    await receiver?.kill();
    await Promise.allSettled([standby?.destroy(), primary?.destroy(), web?.stop()]);
    await disconnectDb();
    if (work && !process.env.KEEP_LOGS) await rm(work, { recursive: true, force: true });
  });

  it.skipIf(missing)('follows the promoted standby onto its new timeline, with no gap and nothing in conflict', async () => {
    await waitUntil('the receiver streaming from the standby', async () => (await fx.ctx.db.walReceiver.findUnique({ where: { serverId: server.id } }))?.state === 'running');
    const oldTimeline = [await switchOn(primary), await switchOn(primary)];
    for (const name of oldTimeline) await waitUntil(`${name} streamed from the standby`, async () => (await row(name))?.source === 'streaming');
    // Some WAL after the last switch, replayed by the standby: the switch point falls mid-segment.
    await primary.query("INSERT INTO t SELECT g, 'z' FROM generate_series(1, 1000) g");
    const primaryAt = await lsnOf(primary, 'pg_current_wal_insert_lsn()');
    await waitUntil('the standby caught up', async () => (await lsnOf(standby, 'pg_last_wal_replay_lsn()')) >= primaryAt);
    await standby.query('SELECT pg_promote(true, 60)');

    const newTimeline = await switchOn(standby);
    expect(newTimeline.slice(0, 8)).toBe('00000002');
    await waitUntil(`${newTimeline} in the archive`, async () => (await row(newTimeline)) !== null, 90_000);
    await waitUntil('the receiver on timeline 2', async () => (await fx.ctx.db.walReceiver.findUnique({ where: { serverId: server.id } }))?.timeline === 2);

    const pgWal = path.join(standby.dataDir, 'pg_wal');
    const history = await row('00000002.history');
    expect(history).not.toBeNull();
    expect((await readFile(storedWalPath(fx.root, server.name, parseWalFileName('00000002.history'), 'none'))).equals(await readFile(path.join(pgWal, '00000002.history')))).toBe(true);

    // The old timeline's last segment, kept as a partial segment; the new timeline starts there.
    const partials = await fx.ctx.db.walSegment.findMany({ where: { serverId: server.id, kind: 'partial' } });
    expect(partials.map((p) => p.name)).toHaveLength(1);
    const partial = partials[0]!;
    const switchSegment = `00000002${partial.name.slice(8, 24)}`;
    expect(await row(switchSegment)).not.toBeNull();
    const storedPartial = await readDecompressed(storedWalPath(fx.root, server.name, parseWalFileName(partial.name), partial.codec), partial.codec);
    expect(samePartialWal(storedPartial, await readFile(path.join(pgWal, partial.name)))).toBe(true);

    expect(await findWalGaps(fx.ctx.db, server.id)).toEqual([]);
    const onNew = await compareArchiveWithPgWal(fx.ctx.db, fx.root, server, pgWal, 2);
    expect(onNew).toMatchObject({ different: [], notOnServer: [] });
    expect(onNew.compared).toContain(switchSegment);
    const onOld = await compareArchiveWithPgWal(fx.ctx.db, fx.root, server, path.join(primary.dataDir, 'pg_wal'), 1);
    expect(onOld).toMatchObject({ different: [], notOnServer: [] });
    expect(onOld.compared).toEqual(expect.arrayContaining(oldTimeline));

    // Push delivered the same files: nothing refused, nothing kept aside, PostgreSQL not stuck.
    await waitUntil('the promoted server pushed its new segment', async () => {
      const stats = (await standby.query<{ last: string | null }>('SELECT last_archived_wal AS last FROM pg_stat_archiver')).rows[0];
      return stats?.last === newTimeline;
    });
    expect((await standby.query<{ failed: string }>('SELECT failed_count AS failed FROM pg_stat_archiver')).rows[0]?.failed).toBe('0');
    expect(await readdir(errorsDir(fx.root, server.name)).catch(() => [])).toEqual([]);
  }, 180_000);
});
