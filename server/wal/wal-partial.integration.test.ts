import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestoreReportView } from '../contracts/recovery';
import { missingMajorReason, supportedMajors } from '../local/postgres-binaries';
import { planRestore } from '../recovery/plan-restore';
import { addMarker, markerIds, switchWal, type Marker } from '../testing/pitr-workload';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { useRecoveryFixture } from '../testing/recovery-fixture';
import { getWalStatus } from './get-wal-status';
import { parseWalFileName } from './wal-file-name';
import { storedWalPath } from './wal-layout';

// A real promotion: a standby (restored by Cellar, streaming from its primary) is promoted after
// the primary dies, and its archive_command (bin/cellar-wal-archive.mjs) pushes the old
// timeline's last segment as <segment>.partial. The archive keeps it as a partial file (not a
// segment), everything after it keeps arriving, and a restore that stays on the old timeline
// reads its end from the partial, in copy mode and through get-wal.

describe.each(supportedMajors)('a promoted PostgreSQL %i archiving its .partial', (major) => {
  const missing = missingMajorReason(major);
  const fx = useRecoveryFixture();
  let primary: PostgresServer;
  let promoted: PostgresServer;
  let server: { id: string; name: string };
  let partialName: string;
  let walBefore: Marker;
  let onTwo: Marker;
  const started: PostgresServer[] = [];

  const waitFor = async (what: string, ok: () => Promise<boolean>, ms = 60_000) => {
    for (const deadline = Date.now() + ms; !(await ok()); await sleep(200))
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    if (missing) return;
    ({ pg: primary, server } = await fx.startArchivingPostgres(`promote${major}`, major));
    await primary.query('CREATE TABLE markers (id int PRIMARY KEY, note text)');
    await addMarker(primary, 0, 'before the backup');
    await fx.backup(server.name, { standalone: false });
    await fx.waitForArchive(server.id, [await switchWal(primary)]);
    // The standby: the backup restored by Cellar, streaming from the primary, archive_command kept.
    const dest = path.join(await fx.tempDir('cellar-standby-'), 'data');
    const restored = await fx.restore(server.name, {
      target: { kind: 'latest' },
      destination: { kind: 'local', path: dest },
      standby: true,
      keepArchiveCommand: true,
    });
    expect(restored.error).toBeNull();
    promoted = await startPostgres({
      major,
      dataDir: dest,
      settings: { primary_conninfo: `host=127.0.0.1 port=${primary.port} user=postgres` },
    });
    started.push(promoted);
    await waitFor(
      'the standby to stream',
      async () =>
        (
          await promoted.query(
            "SELECT count(*)::int AS n FROM pg_stat_wal_receiver WHERE status = 'streaming'",
          )
        ).rows[0]?.n === 1,
    );
    // Written on the primary, in a segment it never finishes: only the standby has it.
    walBefore = await addMarker(primary, 1, 'streamed, never archived by the primary');
    await waitFor(
      'the standby to replay it',
      async () =>
        (
          await promoted.query<{ ok: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [
            walBefore.lsnAfter,
          ])
        ).rows[0]?.ok === true,
    );
    partialName = `${(await primary.query<{ name: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS name')).rows[0]?.name}.partial`;
    await primary.stop('immediate');
    await promoted.query('SELECT pg_promote(true, 60)');
    onTwo = await addMarker(promoted, 2, 'on the new timeline');
    await fx
      .waitForArchive(server.id, [partialName, '00000002.history', await switchWal(promoted)], 90_000)
      .catch(async (error: unknown) => {
        throw new Error(`${(error as Error).message}\n${await promoted.logTail(40)}`);
      });
  }, 300_000);
  afterAll(async () => {
    for (const pg of started) await pg.destroy();
    await primary?.destroy();
  });

  it.skipIf(missing)(
    'keeps the .partial as a partial file, apart from the segments, and archives what follows it',
    async () => {
      const row = await fx.ctx.db.walSegment.findUniqueOrThrow({
        where: { serverId_name: { serverId: server.id, name: partialName } },
      });
      expect(row).toMatchObject({
        kind: 'partial',
        timeline: 1,
        codec: 'zstd',
        source: 'push',
        size: 16n * 1024n * 1024n,
      });
      expect(row.indexedAt).not.toBeNull();
      const stored = storedWalPath(fx.root, server.name, parseWalFileName(partialName), 'zstd');
      expect(path.basename(stored)).toBe(`${partialName}.archived.zst`);
      expect(existsSync(stored)).toBe(true);
      // A receiver's unfinished <segment>.partial would sit beside it under another name.
      expect(existsSync(stored.replace(/\.archived\.zst$/, ''))).toBe(false);
      const status = await getWalStatus({ ctx: fx.ctx, input: { server: server.name, root: fx.root } });
      expect(status.partialFiles).toBe(1);
      const segmentsOnOne = await fx.ctx.db.walSegment.count({
        where: { serverId: server.id, kind: 'segment', timeline: 1 },
      });
      expect(status.timelines.find((t) => t.timeline === 1)?.segments).toBe(segmentsOnOne);
      expect(
        await fx.ctx.db.walSegment.count({
          where: { serverId: server.id, timeline: 1, name: partialName.slice(0, 24) },
        }),
      ).toBe(0);
    },
  );

  it.skipIf(missing)(
    'restores the old timeline to its end from the .partial, copied or through get-wal',
    async () => {
      const plan = await planRestore({
        ctx: fx.ctx,
        root: fx.root,
        input: { server: server.name, plan: { target: { kind: 'latest' }, timeline: 1 } },
      });
      expect(plan).toMatchObject({ ok: true, wal: { last: partialName } });
      expect(plan.messages.join(' ')).toMatch(
        /ends in .*\.partial, the unfinished segment archived when a standby was promoted/,
      );
      for (const walMode of ['copy', 'get-wal'] as const) {
        const dest = path.join(await fx.tempDir('cellar-old-timeline-'), 'data');
        const getWal =
          walMode === 'get-wal' ? { getWal: { url: fx.web.url, tokenFile: fx.tokenFile, prefetch: 0 } } : {};
        const run = await fx.restore(server.name, {
          target: { kind: 'latest' },
          timeline: 1,
          destination: { kind: 'local', path: dest },
          walMode,
          ...getWal,
        });
        expect(run.error).toBeNull();
        if (walMode === 'copy') expect((run.result as RestoreReportView).walFiles).toBe(plan.wal?.segments);
        const pg = await startPostgres({ major, dataDir: dest });
        started.push(pg);
        await waitFor(
          'recovery to end',
          async () =>
            (await pg.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]?.r === false,
        );
        expect(await markerIds(pg), walMode).toEqual([0, 1]);
        await pg.destroy();
      }
    },
    240_000,
  );

  it.skipIf(missing)(
    'restores the new timeline past the switch, from its own complete segment',
    async () => {
      const dest = path.join(await fx.tempDir('cellar-new-timeline-'), 'data');
      const run = await fx.restore(server.name, {
        target: { kind: 'time', time: onTwo.time },
        destination: { kind: 'local', path: dest },
        action: 'promote',
      });
      expect(run.error).toBeNull();
      const pg = await startPostgres({ major, dataDir: dest });
      started.push(pg);
      await waitFor(
        'recovery to end',
        async () => (await pg.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]?.r === false,
      );
      expect(await markerIds(pg)).toEqual([0, 1, 2]);
    },
    120_000,
  );
});
