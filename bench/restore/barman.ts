import { execFile } from 'node:child_process';
import { chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PostgresServer } from '../../server/testing/postgres-server';
import type { BenchCodec } from './pgbackrest';
import { timedCommand, type Timed } from './timed-command';

const run = promisify(execFile);

// Barman 3.4 (Debian's package): one server `bench` with backup_method = postgres (pg_basebackup;
// plain files for none, a tar compressed by pg_basebackup on the client for the codecs), WAL
// through archive_command into its incoming directory, and `barman recover` into a local
// directory. Barman's configuration is rewritten per codec; each backup records its own.

export async function barmanVersion(): Promise<string | null> {
  try {
    return (await run('barman', ['-v'])).stdout.trim().split('\n')[0] ?? null;
  } catch {
    return null;
  }
}

export type BarmanBench = {
  /** The archive_command the cluster needs before the first backup. */
  archiveCommand: string;
  backup(codec: BenchCodec): Promise<string>;
  recover(backupId: string, dest: string): Promise<Timed>;
};

export async function barman(server: PostgresServer, work: string): Promise<BarmanBench> {
  const dir = path.join(work, 'barman');
  const home = path.join(dir, 'home');
  const incoming = path.join(home, 'bench', 'incoming');
  const config = path.join(dir, 'barman.conf');
  await mkdir(incoming, { recursive: true });
  await mkdir(path.join(dir, 'staging'), { recursive: true, mode: 0o700 });
  if (server.osUser.dropsPrivileges) await chown(incoming, server.osUser.uid, server.osUser.gid);
  const conninfo = `host=127.0.0.1 port=${server.port} user=postgres`;
  const exec = (args: string[]) => timedCommand('barman', ['-c', config, ...args]);
  const configure = (codec: BenchCodec) => {
    const compression = codec === 'none' ? [] : [`backup_compression = ${codec}`, 'backup_compression_format = tar', ...(codec === 'lz4' ? [] : ['backup_compression_level = 1'])];
    return writeFile(config, [
      '[barman]',
      `barman_home = ${home}`,
      `barman_user = ${os.userInfo().username}`,
      `log_file = ${path.join(dir, 'barman.log')}`,
      'log_level = WARNING',
      '[bench]',
      'description = restore benchmark',
      `conninfo = ${conninfo} dbname=postgres`,
      `streaming_conninfo = ${conninfo}`,
      'backup_method = postgres',
      'archiver = on',
      `path_prefix = ${server.binDir}`,
      `recovery_staging_path = ${path.join(dir, 'staging')}`,
      ...compression,
      '',
    ].join('\n'));
  };
  return {
    archiveCommand: `test ! -f ${incoming}/%f && cp %p ${incoming}/%f`,
    async backup(codec) {
      await configure(codec);
      await exec(['-q', 'switch-wal', '--force', '--archive', '--archive-timeout', '120', 'bench']);
      await exec(['-q', 'backup', '--wait', '--wait-timeout', '300', 'bench']);
      const { stdout } = await exec(['list-backups', '--minimal', 'bench']);
      const id = stdout.trim().split('\n')[0]?.trim();
      if (!id) throw new Error(`barman list-backups shows no backup after barman backup; its log:\n${await readFile(path.join(dir, 'barman.log'), 'utf8').catch(() => '')}`);
      return id;
    },
    recover: (backupId, dest) => exec(['-q', 'recover', 'bench', backupId, dest]),
  };
}
