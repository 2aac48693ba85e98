import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildBackupRecord } from '../../server/backup/build-backup-record';
import { readBackupRecord, writeBackupRecord } from '../../server/backup/backup-record';
import { writeBaseBackup } from '../../server/backup/write-base-backup';
import { createDecompressionPool } from '../../server/repository/decompression-pool';
import { localDestination } from '../../server/recovery/restore/local-destination';
import { restoreFiles, tablespaceLocations } from '../../server/recovery/restore/restore-files';
import { connectSsh, type KnownHosts, type PinnedKey } from '../../server/recovery/restore/ssh-connect';
import { sshDestination } from '../../server/recovery/restore/ssh-destination';
import type { Destination } from '../../server/recovery/restore/destination';
import { startSshd } from '../../server/testing/sshd';
import { loadPgbench, startBenchCluster } from '../backup/bench-cluster';
import { pgbackrest, pgbackrestVersion, type BenchCodec } from './pgbackrest';

// npm run bench:restore [-- --scale N --codecs none,lz4,zstd,gzip --remote 1]: Cellar's restore
// of a pgbench cluster (PostgreSQL 15) against pgBackRest's restore of the same data, codec by
// codec, both with two processes/threads, and Cellar's restore over SFTP to the loopback sshd.
// Speed is measured here, never asserted.

const { values } = parseArgs({ options: { scale: { type: 'string', default: '100' }, codecs: { type: 'string', default: 'none,lz4,zstd,gzip' }, remote: { type: 'string', default: '1' }, work: { type: 'string' } } });
const scale = Number(values.scale);
const codecs = (values.codecs ?? '').split(',') as BenchCodec[];
const work = values.work ?? path.join(os.tmpdir(), 'cellar-restore-bench');
await rm(work, { recursive: true, force: true });
await mkdir(work, { recursive: true, mode: 0o755 });
const version = await pgbackrestVersion();
console.log(`Cellar restore benchmark: pgbench scale ${scale}, codecs ${codecs.join(', ')}, ${os.availableParallelism()} cores, load ${os.loadavg()[0]?.toFixed(1)}, ${version ?? 'pgBackRest not installed (apt-get install -y pgbackrest)'}`);
console.log('Page cache not dropped: every restore reads a warm repository. Both tools fsync each restored file.');

const server = await startBenchCluster();
const memoryKnownHosts = (): KnownHosts => {
  const keys = new Map<string, PinnedKey>();
  return { find: (h, p) => Promise.resolve(keys.get(`${h}:${p}`) ?? null), pin: (h, p, k) => Promise.resolve(void keys.set(`${h}:${p}`, k)) };
};
const sshd = values.remote === '1' ? await startSshd() : undefined;
type Row = { codec: string; dataMiB: number; cellar: number; pgbackrest: number | null; remote: number | null };
const rows: Row[] = [];
try {
  await loadPgbench(server, scale);
  await server.query('VACUUM ANALYZE', [], 'pgbench');
  await server.query('CHECKPOINT');
  for (const codec of codecs) {
    const backupDir = path.join(work, `cellar-${codec}`);
    const started = performance.now();
    const written = await writeBaseBackup({ clientConfig: { host: '127.0.0.1', port: server.port, user: 'postgres', database: 'postgres' }, dir: backupDir, label: 'bench', checkpoint: 'fast', wal: true, codec, level: codec === 'zstd' || codec === 'gzip' ? 1 : null, threads: 2 });
    const options = { name: null, codec, level: null, checkpoint: 'fast' as const, standalone: true, maxRateKbps: null, reuse: false };
    await writeBackupRecord(backupDir, buildBackupRecord(written, { serverName: 'bench', backupId: 'bench', options, reusedFrom: null, tablespaceNames: new Map(), copyMs: Math.round(performance.now() - started) }));
    const record = await readBackupRecord(backupDir);
    const timed = async (destination: (pool: ReturnType<typeof createDecompressionPool>) => Promise<Destination>, dir: string) => {
      const pool = createDecompressionPool(2);
      const begin = performance.now();
      const dest = await destination(pool);
      try {
        await dest.mkdir(dir);
        await restoreFiles({ backupDir, record, dest, destDir: dir, locations: tablespaceLocations(record, {}), signal: new AbortController().signal, onBytes: () => undefined });
        return (performance.now() - begin) / 1000;
      } finally {
        await dest.close();
        await pool.close();
        await rm(dir, { recursive: true, force: true });
      }
    };
    const cellar = await timed((pool) => Promise.resolve(localDestination(pool)), path.join(work, `restore-cellar-${codec}`));
    let baseline: number | null = null;
    if (version) {
      const tool = pgbackrest(server, work, codec);
      await tool.backup();
      const dest = path.join(work, `restore-pgbackrest-${codec}`);
      baseline = await tool.restore(dest);
      await rm(dest, { recursive: true, force: true });
    }
    const remote = sshd
      ? await timed(async (pool) => sshDestination(await connectSsh(memoryKnownHosts(), `${sshd.username}@127.0.0.1:${sshd.port}`, { privateKey: sshd.privateKey }, 4), pool), path.join(work, `restore-remote-${codec}`))
      : null;
    rows.push({ codec, dataMiB: record.size / 1024 / 1024, cellar, pgbackrest: baseline, remote });
    console.log(`${codec}: Cellar ${cellar.toFixed(2)} s, pgBackRest ${baseline?.toFixed(2) ?? '-'} s, Cellar over SSH ${remote?.toFixed(2) ?? '-'} s`);
    await rm(backupDir, { recursive: true, force: true });
  }
} finally {
  await sshd?.stop();
  await server.destroy();
  await rm(work, { recursive: true, force: true });
}
console.log('\n| codec | data MiB | Cellar local s | pgBackRest s | ratio (≤ 1.00: Cellar faster) | Cellar over SSH (loopback) s |');
console.log('|---|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.codec} | ${r.dataMiB.toFixed(0)} | ${r.cellar.toFixed(2)} | ${r.pgbackrest?.toFixed(2) ?? '-'} | ${r.pgbackrest ? (r.cellar / r.pgbackrest).toFixed(2) : '-'} | ${r.remote?.toFixed(2) ?? '-'} |`);
