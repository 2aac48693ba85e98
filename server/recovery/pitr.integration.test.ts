import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartRestoreInput } from '../contracts/recovery';
import { DomainError } from '../errors/domain-error';
import { missingMajorReason, supportedMajors } from '../local/postgres-binaries';
import { addMarker, markerIds, restorePoint, switchWal, type Marker } from '../testing/pitr-workload';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { useRecoveryFixture } from '../testing/recovery-fixture';
import type { RestoreReportView } from '../contracts/recovery';
import { getRecoveryWindow } from './get-recovery-window';
import { planRestore } from './plan-restore';
import { startRestore } from './start-restore';

// Point-in-time recovery end to end: WAL pushed by a real PostgreSQL through archive_command,
// a backup, marker rows at known times, xids and LSNs with restore points between them; each
// kind of target restored, PostgreSQL started on the result, the exact marker set asserted.

describe.each(supportedMajors)('PITR on PostgreSQL %i', (major) => {
  const missing = missingMajorReason(major);
  const fx = useRecoveryFixture();
  let source: PostgresServer;
  let server: { id: string; name: string };
  let backupId: string;
  let subXid: string;
  const m: Marker[] = [];
  const started: PostgresServer[] = [];

  beforeAll(async () => {
    if (missing) return;
    ({ pg: source, server } = await fx.startArchivingPostgres(`pitr${major}`, major));
    await source.query('CREATE TABLE markers (id int PRIMARY KEY, note text)');
    m[0] = await addMarker(source, 0, 'before the backup');
    const run = await fx.backup(server.name, { standalone: false });
    backupId = (run.result as { backupId: string }).backupId;
    const names = [await switchWal(source)];
    m[1] = await addMarker(source, 1, 'one');
    await restorePoint(source, 'after-1');
    names.push(await switchWal(source));
    m[2] = await addMarker(source, 2, 'two');
    m[3] = await addMarker(source, 3, 'three');
    // A subtransaction's xid lies inside the segment's xid range but never commits on its own.
    await source.query('CREATE TABLE sub (id int)');
    await source.query('BEGIN; INSERT INTO sub VALUES (0); SAVEPOINT s; INSERT INTO sub VALUES (1); RELEASE SAVEPOINT s; COMMIT');
    subXid = (await source.query<{ x: string }>('SELECT xmin::text AS x FROM sub WHERE id = 1')).rows[0]?.x ?? '';
    names.push(await switchWal(source));
    m[4] = await addMarker(source, 4, 'four');
    await restorePoint(source, 'after-4');
    m[5] = await addMarker(source, 5, 'five');
    names.push(await switchWal(source));
    m[6] = await addMarker(source, 6, 'six');
    names.push(await switchWal(source), await switchWal(source));
    await fx.waitForArchive(server.id, names);
  }, 240_000);
  afterAll(async () => {
    for (const pg of started) await pg.destroy();
    await source?.destroy();
  });

  /** Restores, starts PostgreSQL on the result, waits for recovery to end, returns the markers. */
  const restoreAndRead = async (request: Omit<StartRestoreInput, 'destination'>, wait: 'promoted' | 'paused' = 'promoted', settings: Record<string, string> = {}) => {
    const dest = `${await fx.tempDir('cellar-pitr-')}/data`;
    const run = await fx.restore(server.name, { action: wait === 'paused' ? 'pause' : 'promote', ...request, destination: { kind: 'local', path: dest } });
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    const pg = await startPostgres({ major, dataDir: dest, settings });
    started.push(pg);
    const sql = wait === 'paused' ? "SELECT pg_get_wal_replay_pause_state() = 'paused' AS done" : 'SELECT NOT pg_is_in_recovery() AS done';
    for (let i = 0; !(await pg.query<{ done: boolean }>(sql)).rows[0]?.done; i++) {
      if (i > 300) throw new Error(`recovery did not end: ${await pg.logTail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { ids: await markerIds(pg), report: run.result as RestoreReportView, pg };
  };

  it.skipIf(missing)('shows the recoverable window: the backup, the restore points and the activity', async () => {
    const window = await getRecoveryWindow({ ctx: fx.ctx, root: fx.root, input: { server: server.name, buckets: 10 } });
    expect(window.latestTimeline).toBe(1);
    const tl = window.timelines[0]!;
    expect(tl.ranges).toHaveLength(1);
    expect(tl.ranges[0]?.backupId).toBe(backupId);
    expect(new Date(tl.ranges[0]!.latestTime!).getTime()).toBeGreaterThanOrEqual(new Date(m[6]!.time).getTime() - 1);
    expect(tl.restorePoints.filter((p) => p.reachable).map((p) => p.name)).toEqual(expect.arrayContaining(['after-1', 'after-4']));
    expect(tl.activity.reduce((n, b) => n + b.transactions, 0)).toBeGreaterThan(6);
    expect(tl.gaps).toEqual([]);
  });

  it.skipIf(missing)('restores to a time, inclusive and exclusive, as the plan said', async () => {
    const plan = await planRestore({ ctx: fx.ctx, root: fx.root, input: { server: server.name, plan: { target: { kind: 'time', time: m[2]!.time } } } });
    expect(plan.ok).toBe(true);
    expect(plan.backup?.backupId).toBe(backupId);
    const inclusive = await restoreAndRead({ target: { kind: 'time', time: m[2]!.time } });
    expect(inclusive.ids).toEqual([0, 1, 2]);
    expect(inclusive.report.backupId).toBe(plan.backup?.backupId);
    expect(inclusive.report.walFiles).toBe(plan.wal?.segments);
    expect((await restoreAndRead({ target: { kind: 'time', time: m[2]!.time }, inclusive: false })).ids).toEqual([0, 1]);
  });

  it.skipIf(missing)('plans an xid target at its commit record, with its time, and refuses an xid that never ended', async () => {
    const plan = await planRestore({ ctx: fx.ctx, root: fx.root, input: { server: server.name, plan: { target: { kind: 'xid', xid: m[3]!.xid } } } });
    expect(plan).toMatchObject({ ok: true, stop: { description: expect.stringMatching(new RegExp(`commit record of transaction ${m[3]!.xid} \\(committed at `)) as string } });
    expect(new Date(plan.stop!.time!).getTime()).toBe(Math.floor(new Date(m[3]!.time).getTime()));
    expect(plan.stop?.lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    const sub = await planRestore({ ctx: fx.ctx, root: fx.root, input: { server: server.name, plan: { target: { kind: 'xid', xid: subXid } } } });
    expect(sub.problems[0]).toMatchObject({ code: 'not_found', message: expect.stringMatching(new RegExp(`Transaction ${subXid} did not commit or abort in the WAL archived on timeline 1 \\(the \\d+ segments? whose xid range holds it (was|were) read\\): .*subtransaction`)) as string });
  });

  it.skipIf(missing)('restores to an xid, inclusive and exclusive, and pauses there when asked', async () => {
    expect((await restoreAndRead({ target: { kind: 'xid', xid: m[3]!.xid } })).ids).toEqual([0, 1, 2, 3]);
    expect((await restoreAndRead({ target: { kind: 'xid', xid: m[3]!.xid }, inclusive: false }, 'paused')).ids).toEqual([0, 1, 2]);
  });

  it.skipIf(missing)('restores to an LSN, a restore point, the consistency point and the end of the archive', async () => {
    expect((await restoreAndRead({ target: { kind: 'lsn', lsn: m[4]!.lsnAfter } })).ids).toEqual([0, 1, 2, 3, 4]);
    expect((await restoreAndRead({ target: { kind: 'name', name: 'after-1' } })).ids).toEqual([0, 1]);
    expect((await restoreAndRead({ target: { kind: 'immediate' } })).ids).toEqual([0]);
    expect((await restoreAndRead({ target: { kind: 'latest' } })).ids).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it.skipIf(missing)('refuses unreachable targets, saying what is reachable instead', async () => {
    const refused = async (target: StartRestoreInput['target'], extra: Partial<StartRestoreInput> = {}) => {
      const error = await startRestore({ ctx: fx.ctx, producer: fx.producer, root: fx.root, input: { server: server.name, request: { target, destination: { kind: 'local', path: '/nonexistent/never' }, ...extra } } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      const details = (error as DomainError).details as { problems: { code: string }[]; reachable: string[] };
      return { message: (error as DomainError).message, code: details.problems[0]?.code, reachable: details.reachable.join(' ') };
    };
    const before = await refused({ kind: 'time', time: m[0]!.time });
    expect(before).toMatchObject({ code: 'before_backup', message: expect.stringMatching(/before backup \d{8}T\d{6} ended.*No older backup/) as string });
    expect(before.reachable).toMatch(new RegExp(`from backup ${backupId}: times from`));
    expect(await refused({ kind: 'time', time: new Date(Date.now() + 3600_000).toISOString() })).toMatchObject({ code: 'beyond_archive', message: expect.stringMatching(/past the end of the archive.*last transaction ended at/) as string });
    expect(await refused({ kind: 'xid', xid: '4000000000' })).toMatchObject({ code: 'not_found', message: expect.stringMatching(/did not commit or abort in the WAL archived on timeline 1: .*from xid \d+ to \d+/) as string });
    expect(await refused({ kind: 'xid', xid: m[0]!.xid })).toMatchObject({ code: 'before_backup' });
    expect(await refused({ kind: 'name', name: 'no-such-point' })).toMatchObject({ code: 'not_found', reachable: expect.stringMatching(/"after-1", "after-4"/) as string });
    expect(await refused({ kind: 'lsn', lsn: 'FF/0' })).toMatchObject({ code: 'beyond_archive' });
    expect(await refused({ kind: 'immediate' }, { timeline: 7 })).toMatchObject({ code: 'timeline', message: expect.stringMatching(/Timeline 7 is not in the archive/) as string });
  });

  it.skipIf(missing)('restores to a target on a later timeline, following the history file', async () => {
    // A restore promoted at "after-1" starts timeline 2 and, with its archive_command kept, archives
    // into the same server: first the old timeline's last segment as <name>.partial, then the rest.
    const branch = await restoreAndRead({ target: { kind: 'name', name: 'after-1' }, keepArchiveCommand: true }, 'promoted');
    expect(branch.ids).toEqual([0, 1]);
    const onTwo = await addMarker(branch.pg, 100, 'timeline two');
    const names = [await switchWal(branch.pg), await switchWal(branch.pg)];
    await fx.waitForArchive(server.id, [...names, '00000002.history']).catch(async (error: unknown) => {
      throw new Error(`${(error as Error).message}\n${await branch.pg.logTail(30)}`);
    });
    const plan = await planRestore({ ctx: fx.ctx, root: fx.root, input: { server: server.name, plan: { target: { kind: 'time', time: onTwo.time } } } });
    expect(plan).toMatchObject({ ok: true, timeline: { requested: 'latest', resolved: 2 } });
    expect((await restoreAndRead({ target: { kind: 'time', time: onTwo.time }, timeline: 2 })).ids).toEqual([0, 1, 100]);
    const window = await getRecoveryWindow({ ctx: fx.ctx, root: fx.root, input: { server: server.name, timeline: 2, buckets: 4 } });
    expect(window.timelines[0]?.history.map((h) => h.timeline)).toEqual([1, 2]);
  }, 180_000);
});
