import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { spawnAs } from '../../server/local/unprivileged-user';
import type { PostgresServer } from '../../server/testing/postgres-server';
import { timedCommand, type Timed } from './timed-command';

const run = promisify(execFile);

// pgBackRest 2.45 (Debian's package) as the baseline: one stanza per codec, a full backup with
// --process-max=2 and the same codec, restored with --process-max=2. It runs as the cluster's
// OS account, as it would on a database host.

const compressType = { none: 'none', lz4: 'lz4', zstd: 'zst', gzip: 'gz' } as const;
export type BenchCodec = keyof typeof compressType;

export async function pgbackrestVersion(): Promise<string | null> {
  try {
    return (await run('pgbackrest', ['version'])).stdout.trim();
  } catch {
    return null;
  }
}

export function pgbackrest(server: PostgresServer, work: string, codec: BenchCodec) {
  const dir = path.join(work, `pgbackrest-${codec}`);
  const config = path.join(dir, 'pgbackrest.conf');
  const stanza = `bench-${codec}`;
  const exec = (args: string[]) => timedCommand('pgbackrest', [`--config=${config}`, `--stanza=${stanza}`, ...args], spawnAs(server.osUser));
  return {
    async backup(): Promise<void> {
      await mkdir(dir, { recursive: true });
      const lines = [
        '[global]',
        `repo1-path=${path.join(dir, 'repo')}`,
        `lock-path=${path.join(dir, 'lock')}`,
        `log-path=${path.join(dir, 'log')}`,
        'log-level-console=warn',
        'log-level-file=off',
        'start-fast=y',
        'archive-check=n',
        `compress-type=${compressType[codec]}`,
        'compress-level=1',
        'process-max=2',
        `[${stanza}]`,
        `pg1-path=${server.dataDir}`,
        `pg1-port=${server.port}`,
        `pg1-socket-path=${path.dirname(server.dataDir)}`,
        'pg1-user=postgres',
        '',
      ];
      await writeFile(config, lines.join('\n'));
      if (server.osUser.dropsPrivileges) await run('chown', ['-R', `${server.osUser.uid}:${server.osUser.gid}`, dir]);
      await exec(['stanza-create']);
      await exec(['backup', '--type=full']);
    },
    async restore(dest: string): Promise<Timed> {
      await mkdir(dest, { recursive: true, mode: 0o700 });
      if (server.osUser.dropsPrivileges) await run('chown', [`${server.osUser.uid}:${server.osUser.gid}`, dest]);
      return exec(['restore', `--pg1-path=${dest}`, '--process-max=2', '--type=none']);
    },
  };
}
