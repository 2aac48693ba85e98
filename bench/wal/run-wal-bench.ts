import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import { createDb } from '../../server/db/client';
import { applyMigrations } from '../../server/db/migrate';
import { availableMajors, pgBinDir } from '../../server/local/postgres-binaries';
import { parseLsn } from '../../server/pg/lsn';
import { parseWalSegmentName, walSegmentName } from '../../server/pg/wal-name';
import { startPostgres, type PostgresServer } from '../../server/testing/postgres-server';
import { spawnReceiver } from '../../server/testing/receiver-process';
import { compareArchiveWithPgWal } from '../../server/testing/wal-archive-compare';
import { measureWalIndex } from '../wal-index-measure';
import { lagSeries, percentile, type Sample } from './lag';
import { cpuSeconds, startPgReceivewal } from './receivers';

// npm run bench:wal [-- --duration 60 --clients 8 --scale 10 --rounds 3 --codec zstd --samples FILE
//                      --sync-standby cellar|pg_receivewal]
// Cellar's WAL receiver (the real workers/wal-receiver.ts process, storing into its archive) and
// pg_receivewal --synchronous stream the same PostgreSQL 15 at the same time while pgbench
// writes; receive lag is sampled every 100 ms for both in the same query (see lag.ts for the
// definition; --samples writes them all as JSON, for a closer look), after a warm-up (warmUp).
// With --sync-standby one of them is the server's synchronous standby (RPO 0): every commit
// waits for its flush, and pgbench's tps says what that costs. Then every segment each one
// received is checked against the server's pg_wal, and the WAL index reads those segments next
// to pg_waldump --stats. Nothing is asserted.

const run = promisify(execFile);
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const options = { duration: arg('duration', 60), clients: arg('clients', 8), scale: arg('scale', 10), rounds: arg('rounds', 3) };
const codecArg = process.argv.indexOf('--codec');
const samplesArg = process.argv.indexOf('--samples');
const samplesFile = samplesArg >= 0 ? process.argv[samplesArg + 1] : undefined;
const syncArg = process.argv.indexOf('--sync-standby');
const syncStandby = syncArg >= 0 ? z.enum(['cellar', 'pg_receivewal']).parse(process.argv[syncArg + 1]) : undefined;
const codec = z.enum(['zstd', 'lz4', 'gzip', 'none']).parse(codecArg >= 0 ? process.argv[codecArg + 1] : 'zstd');
/** pgbench's options for the load, both the warm-up's and the measured run's. */
const loadFor = (seconds: number) => ['-c', String(options.clients), '-j', String(Math.min(options.clients, os.availableParallelism())), '-T', String(seconds), '-n'];
const cellar = 'cellar_receive_wal';
const prw = 'pg_receivewal';

type Rig = { pgServer: PostgresServer; db: ReturnType<typeof createDb>; server: { id: string; name: string }; root: string; prwDir: string; catalogUrl: string };
type Row = { name: string; id: string; segments: string[]; different: number };

async function main(): Promise<void> {
  const load = os.loadavg()[0] ?? 0;
  console.log(`bench:wal — pgbench -c ${options.clients} -T ${options.duration} (scale ${options.scale}) on PostgreSQL 15, Cellar storing WAL with ${codec}, ${os.availableParallelism()} cores, load average ${load.toFixed(1)} at the start${load > 1 ? ' (other work shares this machine: figures include it)' : ''}`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'cellar-bench-wal-'));
  await chmod(work, 0o755);
  const servers: PostgresServer[] = [];
  try {
    const rig = await setUp(work, servers);
    const pgbench = (args: string[]) => run(path.join(pgBinDir(15), 'pgbench'), ['-h', '127.0.0.1', '-p', String(rig.pgServer.port), '-U', 'postgres', ...args, 'postgres'], { maxBuffer: 64 * 1024 * 1024 });
    await pgbench(['-i', '-q', '-s', String(options.scale)]);
    await rig.pgServer.query('CHECKPOINT');
    const receivewal = await startPgReceivewal({ port: rig.pgServer.port, dir: rig.prwDir, slot: 'bench_prw' });
    const receiver = spawnReceiver({ catalogUrl: rig.catalogUrl, root: rig.root, masterKey: randomBytes(32).toString('hex'), logFile: path.join(work, 'receiver.log') });
    await waitForBoth(rig.pgServer);
    await warmUp(rig, pgbench);
    if (syncStandby) await makeSynchronous(rig.pgServer, syncStandby === 'cellar' ? cellar : prw);

    const pids = { [cellar]: receiver.pid, [prw]: receivewal.pid };
    const cpuBefore = await cpuOf(pids);
    const sampling = sample(rig.pgServer);
    const started = Date.now();
    const load = await pgbench(loadFor(options.duration));
    const samples = await sampling.stop();
    if (samplesFile) await writeFile(samplesFile, JSON.stringify(samples, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
    const seconds = (Date.now() - started) / 1000;
    const cpuAfter = await cpuOf(pids);
    const cpu = Object.fromEntries(Object.keys(pids).map((id) => [id, (cpuAfter[id] ?? 0) - (cpuBefore[id] ?? 0)]));

    const closed = await switchAndWaitForBoth(rig);
    await receiver.stop();
    await receivewal.stop();

    const rows = await checkSegments(rig);
    console.log(`\nReceive lag over ${samples.length} samples in ${seconds.toFixed(0)} s of pgbench (${(Number(samples.at(-1)!.serverLsn - samples[0]!.serverLsn) / 1e6 / seconds).toFixed(1)} MB/s of WAL):`);
    printLagTable(rows, samples, cpu, closed);
    const tps = /tps = ([\d.]+)/.exec(load.stdout)?.[1];
    console.log(`pgbench: ${tps ?? '?'} tps, ${syncStandby ? `every commit waiting for ${syncStandby === 'cellar' ? 'Cellar' : 'pg_receivewal'} (synchronous standby)` : 'asynchronous replication'}`);
    await indexTable(rig.prwDir, rows[1]!.segments.slice(0, 64));
    await rig.db.$disconnect();
  } finally {
    await Promise.allSettled(servers.map((s) => s.destroy()));
    await rm(work, { recursive: true, force: true });
  }
}

/** The server under load, Cellar's catalog (migrated, the server registered), the directories. */
async function setUp(work: string, servers: PostgresServer[]): Promise<Rig> {
  const pgServer = await startPostgres({ major: 15, settings: { wal_keep_size: '8GB', max_wal_size: '8GB', checkpoint_timeout: '30min' } });
  servers.push(pgServer);
  const catalogServer = await startPostgres({ major: availableMajors().at(-1) });
  servers.push(catalogServer);
  await catalogServer.query('CREATE DATABASE cellar');
  const catalogUrl = catalogServer.url('cellar');
  await applyMigrations(catalogUrl);
  const db = createDb(catalogUrl);
  const server = await db.server.create({ data: { name: 'bench', conninfo: pgServer.conninfo(), streamingArchiver: true, slotName: 'cellar_bench', createSlot: true, walCompression: codec }, select: { id: true, name: true } });
  const prwDir = path.join(work, 'pg_receivewal');
  await mkdir(prwDir);
  return { pgServer, db, server, root: path.join(work, 'repository'), prwDir, catalogUrl };
}

/**
 * What is measured is a receiver that has been running, as it would be for days: both first take
 * a few seconds of the same load and store a segment (Cellar's process compiles its code and its
 * catalog queries on first use: lag peaks of up to about 80 ms in the first second, otherwise).
 * A checkpoint then makes the measured run start with the same burst of full-page writes.
 */
async function warmUp(rig: Rig, pgbench: (args: string[]) => Promise<unknown>): Promise<void> {
  await pgbench(loadFor(5));
  await switchAndWaitForBoth(rig);
  await rig.pgServer.query('CHECKPOINT');
  await waitForBoth(rig.pgServer);
}

/** Ends the current segment; returns its name once both receivers have it. */
async function switchAndWaitForBoth(rig: Rig): Promise<string> {
  const closed = (await rig.pgServer.query<{ name: string }>('SELECT pg_walfile_name(pg_switch_wal()) AS name')).rows[0]!.name;
  await waitFor(`${closed} archived by Cellar`, async () => (await rig.db.walSegment.findUnique({ where: { serverId_name: { serverId: rig.server.id, name: closed } } })) !== null);
  await waitFor(`${closed} written by pg_receivewal`, () => access(path.join(rig.prwDir, closed)).then(() => true, () => false));
  return closed;
}

async function cpuOf(pids: Record<string, number>): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(Object.entries(pids).map(async ([id, pid]) => [id, await cpuSeconds(pid)] as const)));
}

/** What each receiver holds, every segment compared with the server's own in pg_wal. */
async function checkSegments(rig: Rig): Promise<Row[]> {
  const pgWal = path.join(rig.pgServer.dataDir, 'pg_wal');
  const cellarCheck = await compareArchiveWithPgWal(rig.db, rig.root, rig.server, pgWal);
  const prwNames = (await readdir(rig.prwDir)).filter((f) => /^[0-9A-F]{24}$/.test(f)).sort();
  let prwDifferent = 0;
  for (const name of prwNames) if (!(await readFile(path.join(rig.prwDir, name))).equals(await readFile(path.join(pgWal, name)))) prwDifferent++;
  return [
    { name: 'Cellar receiver', id: cellar, segments: cellarCheck.compared, different: cellarCheck.different.length + cellarCheck.notOnServer.length },
    { name: 'pg_receivewal --synchronous', id: prw, segments: prwNames, different: prwDifferent },
  ];
}

function printLagTable(rows: Row[], samples: Sample[], cpu: Record<string, number>, closed: string): void {
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i ? c.padStart(10) : c.padEnd(28))).join(''));
  line(['receiver', 'lag p50', 'lag p99', 'lag max', 'segments', 'missing', 'differing', 'CPU s']);
  for (const r of rows) {
    const lags = lagSeries(samples, r.id);
    const cells = [percentile(lags, 50), percentile(lags, 99), Math.max(...lags)].map((x) => `${x.toFixed(3)} s`);
    line([r.name, ...cells, String(r.segments.length), String(missingIn(r.segments, closed)), String(r.different), (cpu[r.id] ?? Number.NaN).toFixed(1)]);
  }
}

/** Segments from a receiver's first one to the closed one that it does not have. */
function missingIn(names: string[], closed: string): number {
  if (names.length === 0) return Number.NaN;
  const have = new Set(names);
  const first = parseWalSegmentName(names[0]!).segno;
  let missing = 0;
  for (let segno = first; segno <= parseWalSegmentName(closed).segno; segno++) if (!have.has(walSegmentName({ timeline: 1, segno }))) missing++;
  return missing;
}

async function indexTable(dir: string, names: string[]): Promise<void> {
  const tools = ['pg_waldump --stats', "indexWalFiles, crc 'decoded'", "indexWalFiles, crc 'all'"];
  const speeds = await measureWalIndex(dir, names, options.rounds, tools);
  console.log(`\nWAL index on those segments (${names.length} × 16 MiB, median of ${options.rounds} rounds):`);
  console.log(`${'tool'.padEnd(30)}${'MB/s wall'.padStart(10)}${'MB/s CPU'.padStart(10)}`);
  for (const s of speeds) console.log(`${s.tool.padEnd(30)}${s.wallMBps.toFixed(0).padStart(10)}${s.cpuMBps.toFixed(0).padStart(10)}`);
}

/** Both receivers connected and caught up with the server. */
async function waitForBoth(pgServer: PostgresServer): Promise<void> {
  await waitFor('both receivers streaming and caught up', async () => {
    const { rows } = await pgServer.query<{ app: string; behind: boolean }>(
      'SELECT application_name AS app, flush_lsn < pg_current_wal_lsn() AS behind FROM pg_stat_replication',
    );
    return [cellar, prw].every((app) => rows.some((r) => r.app === app && r.behind === false));
  });
}

/** Commits wait for this receiver's flush (synchronous_commit = on, the default). */
async function makeSynchronous(pgServer: PostgresServer, app: string): Promise<void> {
  await pgServer.query(`ALTER SYSTEM SET synchronous_standby_names = '${app}'`);
  await pgServer.query('SELECT pg_reload_conf()');
  await waitFor(`${app} as the synchronous standby`, async () => {
    const { rows } = await pgServer.query<{ state: string }>('SELECT sync_state AS state FROM pg_stat_replication WHERE application_name = $1', [app]);
    return rows[0]?.state === 'sync';
  });
}

function sample(pgServer: PostgresServer): { stop(): Promise<Sample[]> } {
  const samples: Sample[] = [];
  let stopped = false;
  const loop = (async () => {
    const client = new pg.Client({ connectionString: pgServer.url() });
    await client.connect();
    try {
      while (!stopped) {
        const next = Date.now() + 100;
        const { rows } = await client.query<{ at: Date; lsn: string; app: string | null; flush: string | null }>(
          'SELECT clock_timestamp() AS at, pg_current_wal_lsn()::text AS lsn, r.application_name AS app, r.flush_lsn::text AS flush FROM (SELECT 1) one LEFT JOIN pg_stat_replication r ON true',
        );
        const flushed: Sample['flushed'] = {};
        for (const r of rows) if (r.app) flushed[r.app] = r.flush === null ? null : parseLsn(r.flush);
        samples.push({ at: rows[0]!.at.getTime(), serverLsn: parseLsn(rows[0]!.lsn), flushed });
        await sleep(Math.max(0, next - Date.now()));
      }
    } finally {
      await client.end();
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

async function waitFor(what: string, ok: () => Promise<boolean>, ms = 120_000): Promise<void> {
  for (const deadline = Date.now() + ms; !(await ok()); await sleep(200)) if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
}

await main();
