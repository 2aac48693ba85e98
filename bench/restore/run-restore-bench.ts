import { mkdir, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildBackupRecord } from '../../server/backup/build-backup-record';
import { readBackupRecord, writeBackupRecord } from '../../server/backup/backup-record';
import { writeBaseBackup } from '../../server/backup/write-base-backup';
import { startSshd } from '../../server/testing/sshd';
import { formatSummary, summarizeProfile } from '../backup/summarize-profile';
import { loadPgbench, startBenchCluster } from '../backup/bench-cluster';
import { barman, barmanVersion, type BarmanBench } from './barman';
import { pgbackrest, pgbackrestVersion, type BenchCodec } from './pgbackrest';
import { resultsTable, type CodecResult, type Tool } from './results-table';
import { median, timedCommand, type Timed } from './timed-command';
import type { CellarRestoreResult } from './run-cellar-restore';

// npm run bench:restore [-- --scale N --codecs none,lz4,zstd,gzip --reps 3 --remote 1 --barman 1
// --profile]: Cellar's restore of a pgbench cluster (PostgreSQL 15) against pgBackRest's restore
// and Barman's recover of the same data, codec by codec, the order of the tools rotating between
// repetitions; and Cellar's restore over SFTP to the loopback sshd. Speed is measured, never asserted.

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '100' },
    codecs: { type: 'string', default: 'none,lz4,zstd,gzip' },
    reps: { type: 'string', default: '3' },
    remote: { type: 'string', default: '1' },
    barman: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
    work: { type: 'string' },
  },
});
const scale = Number(values.scale);
const reps = Number(values.reps);
const codecs = (values.codecs ?? '').split(',') as BenchCodec[];
const work = values.work ?? path.join(os.tmpdir(), 'cellar-restore-bench');
const child = fileURLToPath(new URL('./run-cellar-restore.ts', import.meta.url));
const profileDir = fileURLToPath(new URL(`../results/profiles/restore-${new Date().toISOString().replace(/[:.]/g, '-')}/`, import.meta.url));
await rm(work, { recursive: true, force: true });
await mkdir(work, { recursive: true, mode: 0o755 });
const [pgbackrestName, barmanName] = await Promise.all([pgbackrestVersion(), values.barman === '1' ? barmanVersion() : null]);
console.log(`Cellar restore benchmark: pgbench scale ${scale}, codecs ${codecs.join(', ')}, ${reps} repetitions, ${os.availableParallelism()} cores, load ${os.loadavg()[0]?.toFixed(1)}; ${pgbackrestName ?? 'pgBackRest not installed (apt-get install -y pgbackrest)'}; ${barmanName ?? (values.barman === '1' ? 'Barman not installed (apt-get install -y barman)' : 'Barman not run (--barman 0)')}`);
console.log('Page cache not dropped: every restore reads a warm repository. Cellar and pgBackRest fsync each restored file; Barman (rsync, tar) does not.');

const sshd = values.remote === '1' ? await startSshd() : undefined;
// archive_mode needs a restart, so it is on from the start; the WAL of the load is discarded.
const server = await startBenchCluster(barmanName ? { archive_mode: 'on', archive_command: 'true' } : {});
const results: CodecResult[] = [];
try {
  await loadPgbench(server, scale);
  await server.query('VACUUM ANALYZE', [], 'pgbench');
  await server.query('CHECKPOINT');
  let barmanBench: BarmanBench | undefined;
  if (barmanName) {
    barmanBench = await barman(server, work);
    await server.query(`ALTER SYSTEM SET archive_command = '${barmanBench.archiveCommand.replaceAll("'", "''")}'`);
    await server.query('SELECT pg_reload_conf()');
  }
  for (const codec of codecs) results.push(await benchCodec(codec, barmanBench));
} finally {
  await sshd?.stop();
  await server.destroy();
  await rm(work, { recursive: true, force: true });
}
console.log(`\n${resultsTable(results)}`);

async function benchCodec(codec: BenchCodec, barmanBench: BarmanBench | undefined): Promise<CodecResult> {
  const backupDir = path.join(work, `cellar-${codec}`);
  const started = performance.now();
  const written = await writeBaseBackup({ clientConfig: { host: '127.0.0.1', port: server.port, user: 'postgres', database: 'postgres' }, dir: backupDir, label: 'bench', checkpoint: 'fast', wal: true, codec, level: codec === 'zstd' || codec === 'gzip' ? 1 : null, threads: 2 });
  const options = { name: null, codec, level: null, checkpoint: 'fast' as const, standalone: true, maxRateKbps: null, reuse: false };
  await writeBackupRecord(backupDir, buildBackupRecord(written, { serverName: 'bench', backupId: 'bench', options, reusedFrom: null, tablespaceNames: new Map(), copyMs: Math.round(performance.now() - started) }));
  const record = await readBackupRecord(backupDir);
  const baseline = pgbackrestName ? pgbackrest(server, work, codec) : undefined;
  await baseline?.backup();
  const barmanId = await barmanBench?.backup(codec);
  const restorers: { tool: Tool; restore: (dest: string) => Promise<Timed> }[] = [
    { tool: 'cellar', restore: (dest) => cellarRestore(backupDir, dest) },
    ...(baseline ? [{ tool: 'pgbackrest' as const, restore: (dest: string) => baseline.restore(dest) }] : []),
    ...(barmanBench && barmanId ? [{ tool: 'barman' as const, restore: (dest: string) => barmanBench.recover(barmanId, dest) }] : []),
  ];
  const runs: Record<Tool, Timed[]> = { cellar: [], pgbackrest: [], barman: [], remote: [] };
  for (let rep = 0; rep < reps; rep++) {
    // The tools take turns going first: a shared machine's load drifts.
    for (let i = 0; i < restorers.length; i++) {
      const { tool, restore } = restorers[(i + rep) % restorers.length] as (typeof restorers)[number];
      const dest = path.join(work, `restore-${tool}-${codec}`);
      runs[tool].push(await restore(dest));
      await rm(dest, { recursive: true, force: true });
    }
    if (sshd) {
      const dest = path.join(work, `restore-remote-${codec}`);
      runs.remote.push(await cellarRestore(backupDir, dest, ['--ssh', `${sshd.username}@127.0.0.1:${sshd.port}`, '--key-file', sshd.privateKeyPath, '--host-key', sshd.hostKeyFingerprint, '--channels', '4']));
      await rm(dest, { recursive: true, force: true });
    }
  }
  if (values.profile) await profileCellar(codec, backupDir);
  await rm(backupDir, { recursive: true, force: true });
  const result: CodecResult = { codec, dataMiB: record.size / 1024 / 1024, runs };
  const line = (tool: Tool) => `${tool} ${median(runs[tool].map((r) => r.seconds))?.toFixed(2) ?? '-'} s`;
  console.log(`${codec}: ${(['cellar', 'pgbackrest', 'barman', 'remote'] as const).map(line).join(', ')} (medians of ${reps})`);
  return result;
}

async function cellarRestore(backupDir: string, dest: string, extra: string[] = [], nodeArgs: string[] = []): Promise<Timed> {
  const { stdout } = await timedCommand(process.execPath, [...nodeArgs, '--import', 'tsx', child, '--backup-dir', backupDir, '--dest', dest, ...extra]);
  // The restore's own figures, without Node and tsx starting up (a worker is already running).
  const own = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as CellarRestoreResult;
  return { seconds: own.seconds, cpuSeconds: own.cpuSeconds, maxRssKb: own.maxRssKb };
}

async function profileCellar(codec: BenchCodec, backupDir: string): Promise<void> {
  const dir = path.join(profileDir, codec);
  const dest = path.join(work, `restore-profile-${codec}`);
  await cellarRestore(backupDir, dest, [], ['--cpu-prof', '--cpu-prof-dir', dir]);
  await rm(dest, { recursive: true, force: true });
  console.log(`Profile of Cellar's ${codec} restore (one file per thread: main, then decompression threads):`);
  for (const file of (await readdir(dir)).sort()) console.log(formatSummary(await summarizeProfile(path.join(dir, file), 8)));
}
