import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../db/generated/client';
import { availableMajors } from '../local/postgres-binaries';
import { walSegmentName } from '../pg/wal-name';
import { useBackupFixture } from '../testing/backup-fixture';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { createRestorePoint } from './create-restore-point';
import { findWalGaps } from './find-wal-gaps';
import { getReplicationStatus } from './get-replication-status';
import { getWalFile } from './get-wal-file';
import { getWalStatus } from './get-wal-status';
import { rebuildWalCatalog } from './rebuild-wal-catalog';
import { storeWalFile } from './store-wal-file';
import { switchWal } from './switch-wal';
import { parseWalFileName } from './wal-file-name';
import { storedWalPath } from './wal-layout';

// The archive's operations against a real server: segments taken from its own pg_wal are stored
// (as a push would), then status, gaps, get-wal, switch-wal, restore points, replication status
// and the rebuild of the catalog from the files.

const major = availableMajors().at(-1) ?? 15;
const fx = useBackupFixture();
let pgServer: PostgresServer;
let server: Server;
const names: string[] = [];

const segmentOf = (name: string) => readFile(path.join(pgServer.dataDir, 'pg_wal', name));
const store = async (name: string) =>
  storeWalFile({
    ctx: fx.ctx,
    root: fx.root,
    input: { server, name, content: await segmentOf(name), source: 'push' },
  });

beforeAll(async () => {
  pgServer = await startPostgres({ major, settings: { wal_keep_size: '512MB' } });
  const { id } = await fx.addServer(pgServer, { walCompression: 'lz4' });
  server = await fx.ctx.db.server.findUniqueOrThrow({ where: { id } });
  for (let i = 0; i < 4; i++) {
    await pgServer.query(
      'CREATE TABLE IF NOT EXISTS t (v text); INSERT INTO t SELECT md5(g::text) FROM generate_series(1, 1000) g',
    );
    names.push(
      (await pgServer.query<{ n: string }>('SELECT pg_walfile_name(pg_switch_wal()) AS n')).rows[0]?.n ?? '',
    );
  }
});
afterAll(() => pgServer?.destroy());

describe('the WAL archive of a server', () => {
  it('stores segments, reports a gap per timeline, and gives files back identical', async () => {
    for (const name of [names[0], names[1], names[3]])
      expect((await store(name ?? '')).outcome).toBe('stored');
    expect((await store(names[0] ?? '')).outcome).toBe('duplicate');
    const gaps = await findWalGaps(fx.ctx.db, server.id);
    expect(gaps).toEqual([{ timeline: 1, from: names[2], to: names[2], missing: 1 }]);
    const status = await getWalStatus({ ctx: fx.ctx, input: { server: server.name, root: fx.root } });
    expect(status).toMatchObject({
      segments: 3,
      gaps,
      lastArchived: { name: names[3], source: 'push' },
      timelines: [{ timeline: 1, first: names[0], last: names[3], segments: 3 }],
    });
    expect(status.storedSize).toBeLessThan(status.size);
    const back = await getWalFile({
      ctx: fx.ctx,
      root: fx.root,
      input: { server: server.name, name: names[1] ?? '' },
    });
    expect(back.content.equals(await segmentOf(names[1] ?? ''))).toBe(true);
    await expect(
      getWalFile({ ctx: fx.ctx, root: fx.root, input: { server: server.name, name: names[2] ?? '' } }),
    ).rejects.toThrow(/has no/);
    await expect(
      getWalFile({ ctx: fx.ctx, root: fx.root, input: { server: server.name, name: '../../etc/passwd' } }),
    ).rejects.toThrow(/not a WAL file name/);
  });

  it('refuses a segment from another cluster, and one whose name lies about its content', async () => {
    // identity.json is written by the first backup (or the receiver); then WAL must match it.
    await fx.backup(server.name, { standalone: true });
    const stranger = await startPostgres({ major });
    try {
      const name =
        (await stranger.query<{ n: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS n')).rows[0]
          ?.n ?? '';
      const content = await readFile(path.join(stranger.dataDir, 'pg_wal', name));
      await expect(
        storeWalFile({ ctx: fx.ctx, root: fx.root, input: { server, name, content, source: 'push' } }),
      ).rejects.toThrow(/comes from PostgreSQL system \d+, but this server's archive belongs to system/);
    } finally {
      await stranger.destroy();
    }
    const wrongName = walSegmentName({ timeline: 1, segno: 999n });
    await expect(
      storeWalFile({
        ctx: fx.ctx,
        root: fx.root,
        input: { server, name: wrongName, content: await segmentOf(names[2] ?? ''), source: 'push' },
      }),
    ).rejects.toThrow(/its first page is at/);
    await expect(
      storeWalFile({
        ctx: fx.ctx,
        root: fx.root,
        input: {
          server,
          name: names[2] ?? '',
          content: (await segmentOf(names[2] ?? '')).subarray(0, 1000),
          source: 'push',
        },
      }),
    ).rejects.toThrow(/the upload was cut/);
  });

  it('switches WAL and waits until the closed segment is archived', async () => {
    await pgServer.query("INSERT INTO t VALUES ('x')");
    const current = async () =>
      (await pgServer.query<{ n: string }>('SELECT pg_walfile_name(pg_current_wal_insert_lsn()) AS n'))
        .rows[0]?.n ?? '';
    const open = await current();
    const pending = switchWal({
      ctx: fx.ctx,
      input: { server: server.name, force: true, waitForArchive: true, timeoutSeconds: 20 },
    });
    // Stand in for the archiver: store the segment once PostgreSQL has closed it.
    while ((await current()) === open) await new Promise((r) => setTimeout(r, 50));
    await store(open);
    expect(await pending).toEqual({ switched: true, closedSegment: open, archived: true });
    // Nothing written since: PostgreSQL does not switch.
    expect(await switchWal({ ctx: fx.ctx, input: { server: server.name } })).toMatchObject({
      switched: false,
      closedSegment: null,
    });
  });

  it('creates a named restore point and lists the archiver among replication clients', async () => {
    const point = await createRestorePoint({
      ctx: fx.ctx,
      input: { server: server.name, name: `before-${randomBytes(3).toString('hex')}` },
    });
    expect(point.lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    const status = await getReplicationStatus({ ctx: fx.ctx, input: { server: server.name } });
    expect(status).toMatchObject({ serverName: server.name, inRecovery: false, clients: [] });
    expect(status.currentLsn).toMatch(/\//);
  });

  it('keeps a .partial apart from the segments and serves it for a missing segment only when asked', async () => {
    // The segment the archive lacks (see the gap above), pushed as a promoted server would push it.
    const name = names[2] ?? '';
    const content = await segmentOf(name);
    const pushed = await storeWalFile({
      ctx: fx.ctx,
      root: fx.root,
      input: { server, name: `${name}.partial`, content, source: 'push' },
    });
    expect(pushed.outcome).toBe('stored');
    expect(existsSync(storedWalPath(fx.root, server.name, parseWalFileName(`${name}.partial`), 'lz4'))).toBe(
      true,
    );
    expect(
      path.basename(storedWalPath(fx.root, server.name, parseWalFileName(`${name}.partial`), 'lz4')),
    ).toBe(`${name}.partial.archived.lz4`);
    expect(
      await fx.ctx.db.walSegment.findUniqueOrThrow({
        where: { serverId_name: { serverId: server.id, name: `${name}.partial` } },
      }),
    ).toMatchObject({ kind: 'partial', segno: parseWalFileName(name).segno });
    expect(await findWalGaps(fx.ctx.db, server.id)).toContainEqual({
      timeline: 1,
      from: name,
      to: name,
      missing: 1,
    });
    await expect(
      getWalFile({ ctx: fx.ctx, root: fx.root, input: { server: server.name, name } }),
    ).rejects.toThrow(/has no/);
    const served = await getWalFile({
      ctx: fx.ctx,
      root: fx.root,
      input: { server: server.name, name, partial: true },
    });
    expect(served.name).toBe(`${name}.partial`);
    expect(served.content.equals(content)).toBe(true);
    expect(
      (await getWalStatus({ ctx: fx.ctx, input: { server: server.name, root: fx.root } })).partialFiles,
    ).toBe(1);
  });

  it('rebuilds the catalog from the files: a lost row comes back, a lost file goes', async () => {
    const before = await fx.ctx.db.walSegment.findMany({
      where: { serverId: server.id },
      orderBy: { name: 'asc' },
    });
    const [kept, lostRow, lostFile] = before.filter((r) => r.kind === 'segment');
    const partial = before.find((r) => r.kind === 'partial');
    await fx.ctx.db.walSegment.deleteMany({ where: { id: { in: [lostRow?.id ?? 0n, partial?.id ?? 0n] } } });
    await unlink(storedWalPath(fx.root, server.name, parseWalFileName(lostFile?.name ?? ''), 'lz4'));
    // A streaming receiver's unfinished segment: not part of the archive, never catalogued.
    const unfinished = path.join(
      path.dirname(storedWalPath(fx.root, server.name, parseWalFileName(kept?.name ?? ''), 'lz4')),
      `${walSegmentName({ timeline: 1, segno: 4000n })}.partial`,
    );
    await writeFile(unfinished, await segmentOf(kept?.name ?? ''));
    const result = await rebuildWalCatalog({ ctx: fx.ctx, input: { serverId: server.id, root: fx.root } });
    expect(result).toMatchObject({ added: 2, removed: 1, unreadable: [] });
    expect(
      await fx.ctx.db.walSegment.findFirst({ where: { serverId: server.id, name: partial?.name } }),
    ).toMatchObject({ kind: 'partial', checksum: partial?.checksum, source: 'rebuild' });
    expect(existsSync(unfinished)).toBe(true);
    const after = await fx.ctx.db.walSegment.findMany({
      where: { serverId: server.id },
      orderBy: { name: 'asc' },
    });
    expect(after.map((r) => r.name)).toEqual(
      before.filter((r) => r.name !== lostFile?.name).map((r) => r.name),
    );
    expect(after.find((r) => r.name === lostRow?.name)).toMatchObject({
      checksum: lostRow?.checksum,
      size: lostRow?.size,
      source: 'rebuild',
    });
    expect(after.find((r) => r.name === kept?.name)?.source).toBe('push');
    await rm(path.join(fx.root, server.name, 'wals'), { recursive: true, force: true });
  });
});
