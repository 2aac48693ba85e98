import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { systemActor, type Ctx } from '../../server/context';
import type { PlanRestoreInput } from '../../server/contracts/recovery';
import { createDb } from '../../server/db/client';
import { applyMigrations } from '../../server/db/migrate';
import { walSegmentName } from '../../server/pg/wal-name';
import { getRecoveryWindow } from '../../server/recovery/get-recovery-window';
import { planRestore } from '../../server/recovery/plan-restore';
import { startPostgres } from '../../server/testing/postgres-server';
import { seedWalCatalog } from '../../server/testing/wal-catalog-seed';
import { median } from '../restore/timed-command';

// npm run bench:plan [-- --segments 500000 --reps 9]: the recoverable window and restore plans of
// a server with that many archived segments in a catalog of its own (PostgreSQL 18, as the
// embedded catalog), median and worst of the repetitions; next to what loading every segment
// row costs (how the planner worked before wal_segment_blocks), and what the blocks' triggers
// add to archiving one segment and to indexing one. Measured, never asserted.

const { values } = parseArgs({ options: { segments: { type: 'string', default: '500000' }, reps: { type: 'string', default: '9' } } });
const total = Number(values.segments);
const reps = Number(values.reps);
const pg = await startPostgres({ major: 18, settings: { shared_buffers: '256MB' } });
const root = await mkdtemp(path.join(os.tmpdir(), 'cellar-plan-bench-'));
const db = createDb(pg.url());
try {
  await applyMigrations(pg.url());
  let started = performance.now();
  const seed = await seedWalCatalog(db, root, total);
  await pg.query('VACUUM ANALYZE');
  console.log(`Seeded ${seed.segments} segments (two timelines, a gap, three backups) in ${((performance.now() - started) / 1000).toFixed(1)} s; ${os.availableParallelism()} cores, load ${os.loadavg()[0]?.toFixed(1)}.`);
  const ctx: Ctx = { db, actor: systemActor, requestId: 'bench', log: pino({ level: 'silent' }) };
  const at = (segno: bigint) => new Date(seed.commitsOf(segno).first.getTime() + 5000).toISOString();
  const plan = (request: PlanRestoreInput) => () => planRestore({ ctx, root, input: { server: seed.serverName, plan: request } });
  const cases: [string, () => Promise<unknown>][] = [
    ['window, every timeline (48 buckets)', () => getRecoveryWindow({ ctx, root, input: { server: seed.serverName, buckets: 48 } })],
    ['window, timeline 1', () => getRecoveryWindow({ ctx, root, input: { server: seed.serverName, timeline: 1, buckets: 48 } })],
    ['plan: time on timeline 1', plan({ target: { kind: 'time', time: at(BigInt(Math.round(total * 0.6))) } })],
    ['plan: time on timeline 2', plan({ target: { kind: 'time', time: at(seed.t2Last - 10n) } })],
    ['plan: time behind the gap (refused)', plan({ target: { kind: 'time', time: at(seed.gapFrom + 1n) } })],
    ['plan: restore point', plan({ target: { kind: 'name', name: 'late' } })],
    ['plan: LSN', plan({ target: { kind: 'lsn', lsn: '10/0' } })],
    ['plan: latest', plan({ target: { kind: 'latest' } })],
    ['load every segment row (the planner before)', () => db.walSegment.findMany({ where: { serverId: seed.serverId } })],
  ];
  const lines = ['| call | median ms | worst ms |', '|---|---|---|'];
  for (const [label, call] of cases) {
    const times: number[] = [];
    for (let i = 0; i < (label.startsWith('load every') ? Math.min(reps, 3) : reps); i++) {
      started = performance.now();
      await call();
      times.push(performance.now() - started);
    }
    lines.push(`| ${label} | ${median(times)?.toFixed(1)} | ${Math.max(...times).toFixed(1)} |`);
  }
  // Archiving and indexing pay for the blocks: each statement refreshes the block it touched.
  const inserts: number[] = [];
  const updates: number[] = [];
  for (let i = 1n; i <= BigInt(reps); i++) {
    const segno = seed.t2Last + i;
    started = performance.now();
    await db.walSegment.create({ data: { serverId: seed.serverId, name: walSegmentName({ timeline: 2, segno }), timeline: 2, segno, size: 16n << 20n, storedSize: 1n, codec: 'zstd', checksum: 'x', source: 'push' } });
    inserts.push(performance.now() - started);
    started = performance.now();
    await db.walSegment.updateMany({ where: { serverId: seed.serverId, timeline: 2, segno }, data: { commits: 5, indexedAt: new Date() } });
    updates.push(performance.now() - started);
  }
  lines.push(`| archive one more segment (row insert, block refreshed) | ${median(inserts)?.toFixed(1)} | ${Math.max(...inserts).toFixed(1)} |`);
  lines.push(`| index it (row update, block refreshed) | ${median(updates)?.toFixed(1)} | ${Math.max(...updates).toFixed(1)} |`);
  console.log(`\n${lines.join('\n')}`);
} finally {
  await db.$disconnect();
  await pg.destroy();
  await rm(root, { recursive: true, force: true });
}
