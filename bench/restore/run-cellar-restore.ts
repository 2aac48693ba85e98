import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { readBackupRecord } from '../../server/backup/backup-record';
import { createDecompressionPool } from '../../server/repository/decompression-pool';
import type { Destination } from '../../server/recovery/restore/destination';
import { localDestination } from '../../server/recovery/restore/local-destination';
import { restoreFiles, tablespaceLocations } from '../../server/recovery/restore/restore-files';
import { connectSsh, type KnownHosts, type PinnedKey } from '../../server/recovery/restore/ssh-connect';
import { sshDestination } from '../../server/recovery/restore/ssh-destination';

// One Cellar restore in a process of its own, so its CPU time and peak RSS (main thread and
// decompression threads together) are the restore's alone, like pgBackRest's and Barman's.
// Prints one JSON line: CellarRestoreResult.

export type CellarRestoreResult = {
  /** From creating the thread pool to the last file fsynced and the pool closed. */
  seconds: number;
  cpuSeconds: number;
  maxRssKb: number;
  bytes: number;
};

const { values } = parseArgs({
  options: {
    'backup-dir': { type: 'string' },
    dest: { type: 'string' },
    threads: { type: 'string', default: '2' },
    ssh: { type: 'string' },
    'key-file': { type: 'string' },
    'host-key': { type: 'string' },
    channels: { type: 'string', default: '4' },
  },
});
const backupDir = values['backup-dir'];
const destDir = values.dest;
if (!backupDir || !destDir) throw new Error('usage: run-cellar-restore.ts --backup-dir DIR --dest DIR [--threads N] [--ssh user@host:port --key-file FILE --host-key SHA256:… --channels N]');

const memoryKnownHosts = (): KnownHosts => {
  const keys = new Map<string, PinnedKey>();
  return { find: (h, p) => Promise.resolve(keys.get(`${h}:${p}`) ?? null), pin: (h, p, k) => Promise.resolve(void keys.set(`${h}:${p}`, k)) };
};

const record = await readBackupRecord(backupDir);
const privateKey = values['key-file'] ? await readFile(values['key-file'], 'utf8') : undefined;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const pool = createDecompressionPool(Number(values.threads));
let dest: Destination | undefined;
let bytes = 0;
try {
  dest = values.ssh
    ? sshDestination(await connectSsh(memoryKnownHosts(), values.ssh, { privateKey }, Number(values.channels), { hostKey: values['host-key'] }), pool)
    : localDestination(pool);
  await dest.mkdir(destDir);
  ({ bytes } = await restoreFiles({ backupDir, record, dest, destDir, locations: tablespaceLocations(record, {}), signal: new AbortController().signal, onBytes: () => undefined }));
} finally {
  await dest?.close();
  await pool.close();
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const result: CellarRestoreResult = { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssKb: process.resourceUsage().maxRSS, bytes };
process.stdout.write(`${JSON.stringify(result)}\n`);
