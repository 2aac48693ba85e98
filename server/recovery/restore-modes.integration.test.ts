import { execFile } from 'node:child_process';
import { mkdir, readlink, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestoreReportView } from '../contracts/recovery';
import { chownTo } from '../local/unprivileged-user';
import { missingMajorReason, supportedMajors } from '../local/postgres-binaries';
import { addMarker, markerIds, switchWal } from '../testing/pitr-workload';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { useRecoveryFixture } from '../testing/recovery-fixture';

// get-wal mode (restore_command = cellar-wal-restore against the real WAL route, no WAL copied)
// and tablespace relocation, end to end: a tablespace with rows written before and after the
// backup, restored elsewhere, PostgreSQL started on the result, every row there.

const run = promisify(execFile);

describe.each(supportedMajors)('get-wal mode and tablespace relocation on PostgreSQL %i', (major) => {
  const missing = missingMajorReason(major);
  const fx = useRecoveryFixture();
  let source: PostgresServer;
  let server: { id: string; name: string };
  let originalLocation: string;
  let oid: number;
  const started: PostgresServer[] = [];

  beforeAll(async () => {
    if (missing) return;
    ({ pg: source, server } = await fx.startArchivingPostgres(`modes${major}`, major));
    originalLocation = path.join(await fx.tempDir('cellar-tablespace-'), 'faraway');
    await mkdir(originalLocation, { mode: 0o700 });
    await chownTo(source.osUser, originalLocation);
    await source.query(`CREATE TABLESPACE faraway LOCATION '${originalLocation}'`);
    oid = (await source.query<{ oid: number }>("SELECT oid::int AS oid FROM pg_tablespace WHERE spcname = 'faraway'")).rows[0]?.oid ?? 0;
    await source.query('CREATE TABLE markers (id int PRIMARY KEY, note text)');
    await source.query('CREATE TABLE far (id int PRIMARY KEY, note text) TABLESPACE faraway; INSERT INTO far SELECT g, md5(g::text) FROM generate_series(1, 5000) g');
    await addMarker(source, 0, 'before the backup');
    await fx.backup(server.name, { standalone: false });
    // Written after the backup: only WAL fetched through get-wal brings these back.
    await source.query('INSERT INTO far SELECT g, md5(g::text) FROM generate_series(5001, 6000) g');
    await addMarker(source, 1, 'after the backup');
    await fx.waitForArchive(server.id, [await switchWal(source), await switchWal(source)]);
  }, 240_000);
  afterAll(async () => {
    for (const pg of started) await pg.destroy();
    await source?.destroy();
  });

  it.skipIf(missing)('restores in get-wal mode with the tablespace relocated; PostgreSQL recovers every row', async () => {
    const dir = await fx.tempDir('cellar-modes-');
    const dest = path.join(dir, 'data');
    const relocated = path.join(dir, 'faraway-relocated');
    const restored = await fx.restore(server.name, {
      target: { kind: 'latest' },
      destination: { kind: 'local', path: dest },
      walMode: 'get-wal',
      getWal: { url: fx.web.url, tokenFile: fx.tokenFile, prefetch: 2 },
      tablespaces: { faraway: relocated },
    });
    expect(restored.error).toBeNull();
    const report = restored.result as RestoreReportView;
    expect(report).toMatchObject({ walFiles: 0, walBytes: 0 });
    expect(report.recoverySettings.restore_command).toMatch(new RegExp(`cellar_bin/cellar-wal-restore\\.mjs --url ${fx.web.url} --server ${server.name} --token-file .* --prefetch 2 --partial 1 %f %p$`));
    expect(await readdir(dest)).not.toContain('cellar_wal');
    expect(await readlink(path.join(dest, 'pg_tblspc', String(oid)))).toBe(relocated);
    expect((await readdir(relocated)).some((entry) => entry.startsWith(`PG_${major}_`))).toBe(true);
    expect(await readdir(originalLocation)).toEqual([expect.stringMatching(`^PG_${major}_`)]);
    // A DBA gives the relocated tablespace to PostgreSQL's account along with the data directory.
    if (source.osUser.dropsPrivileges) await run('chown', ['-R', `${source.osUser.uid}:${source.osUser.gid}`, relocated]);
    const pg = await startPostgres({ major, dataDir: dest });
    started.push(pg);
    for (let i = 0; (await pg.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]?.r; i++) {
      if (i > 300) throw new Error(await pg.logTail());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await markerIds(pg)).toEqual([0, 1]);
    expect((await pg.query<{ n: string }>('SELECT count(*)::text AS n FROM far')).rows[0]?.n).toBe('6000');
    expect((await pg.query<{ l: string }>('SELECT pg_tablespace_location($1) AS l', [oid])).rows[0]?.l).toBe(relocated);
    // Every segment recovery read came through the route: the log shows restore_command's fetches, no copy mode.
    expect(await pg.logTail(400)).toMatch(/restored log file "0000000100000000000000[0-9A-F]{2}" from archive/);
  }, 180_000);

  it.skipIf(missing)('refuses a tablespace the backup lacks, and the original location while it is in use', async () => {
    const dir = await fx.tempDir('cellar-modes-refused-');
    const unknown = await fx.restore(server.name, { target: { kind: 'immediate' }, destination: { kind: 'local', path: path.join(dir, 'a') }, tablespaces: { nowhere: path.join(dir, 'x') } });
    expect(unknown.status).toBe('failed');
    expect(unknown.error).toMatch(/has no tablespace "nowhere"; its tablespaces: faraway \(oid \d+\)/);
    await writeFile(path.join(dir, 'marker'), 'x');
    const inUse = await fx.restore(server.name, { target: { kind: 'immediate' }, destination: { kind: 'local', path: path.join(dir, 'b') } });
    expect(inUse.status).toBe('failed');
    expect(inUse.error).toMatch(new RegExp(`${originalLocation} is not empty .*restore into an empty directory, or ask to overwrite it`));
  });
});
