import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { BaseBackupEvents, BaseBackupPositions } from '../pg/base-backup-events';
import { buildBaseBackupCommand } from '../pg/base-backup-command';
import { streamBaseBackup } from '../pg/base-backup-stream';
import { copyDataStreamOption } from '../pg/copy-data-socket';
import { streamLegacyBaseBackup } from '../pg/legacy-base-backup';
import type { PgClientConfig } from '../pg/conninfo';
import { parseIdentifySystemRow } from '../pg/replication-messages';
import { writeFileAtomic } from '../repository/atomic-write';
import { parseBackupManifest, type BackupManifest } from '../repository/backup-manifest';
import { compressBlock, type Codec } from '../repository/codecs';
import { backupThreadCount, createCompressionPool, keepsUpWithStream } from '../repository/compression-pool';
import { ArchiveWriter, type ArchiveLink } from './archive-writer';
import { compareWithManifest, describeComparison, isClean } from './compare-with-manifest';
import { holdWalForBackup } from './hold-backup-wal';
import { linkUnchangedFiles, withManifestChecksums, type ReuseCandidate } from './link-unchanged-files';
import type { StoredFile } from './stored-file-writer';

// The postgres backup method's engine: BASE_BACKUP over a replication connection, streamed into
// a backup directory with per-file parallel compression, checked against the server's own
// manifest before it is called complete. The caller owns the directory's lifecycle.

export type ServerFacts = { major: number; versionNum: number; systemId: string; timeline: number; dataChecksums: boolean | null; walSegmentSize: number };

export type WriteBaseBackupOptions = {
  clientConfig: PgClientConfig;
  /** The backup's .partial directory; created here. */
  dir: string;
  label: string;
  checkpoint: 'fast' | 'spread';
  /** Include the WAL needed for consistency (a standalone backup). */
  wal: boolean;
  maxRateKbps?: number | null;
  codec: Codec;
  level?: number | null;
  /** The previous backup's file at a cluster path, for reuse_backup = link. */
  reuse?: (clusterPath: string) => ReuseCandidate | undefined;
  threads?: number;
  signal?: AbortSignal;
  /** Runs after the server is identified and before BASE_BACKUP: refuse another cluster before any checkpoint. */
  beforeStart?: (facts: ServerFacts) => Promise<void>;
  onProgress?: (progress: BackupProgress) => void;
  /** Something the DBA should know that does not stop the backup. */
  onWarning?: (message: string) => void;
};

export type BackupProgress = { bytesDone: bigint; bytesTotal: bigint | null; currentFile: string | null };

export type WrittenBaseBackup = {
  facts: ServerFacts;
  positions: BaseBackupPositions;
  beginTime: Date;
  endTime: Date;
  files: StoredFile[];
  links: ArchiveLink[];
  manifest: BackupManifest;
};

export class BaseBackupError extends Error {
  override name = 'BaseBackupError';
}

export async function writeBaseBackup(opts: WriteBaseBackupOptions): Promise<WrittenBaseBackup> {
  // Fail before connecting: a bad codec or level must not cost the server a checkpoint.
  compressBlock(opts.codec, Buffer.alloc(0), opts.level ?? undefined);
  const client = new pg.Client({
    ...opts.clientConfig,
    replication: 'true',
    application_name: 'cellar_backup',
    ...copyDataStreamOption(opts.clientConfig),
  } as pg.ClientConfig);
  // Aborting destroys the socket, which pg also reports as an 'error' event; the query's
  // rejection already carries the failure.
  client.on('error', () => undefined);
  const onAbort = () => (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    opts.signal?.throwIfAborted();
    await client.connect();
    const facts = await serverFacts(client);
    if (facts.major < 13) throw new BaseBackupError(`PostgreSQL ${facts.major} cannot be backed up: Cellar needs PostgreSQL 13 or later (backup manifests).`);
    await opts.beforeStart?.(facts);
    if (opts.wal && (await holdWalForBackup(client)) === null)
      opts.onWarning?.('No free replication slot (max_replication_slots): the WAL this backup includes is not held, and a checkpoint during the copy may remove it.');
    return await streamInto(client, facts, opts);
  } catch (error) {
    opts.signal?.throwIfAborted();
    throw error;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
  }
}

async function serverFacts(client: pg.Client): Promise<ServerFacts> {
  const show = async (name: string) => (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0]?.[name] ?? '';
  const identity = parseIdentifySystemRow((await client.query('IDENTIFY_SYSTEM')).rows[0]);
  const versionNum = Number(await show('server_version_num'));
  const checksums = await show('data_checksums');
  return {
    major: Math.floor(versionNum / 10_000),
    versionNum,
    systemId: identity.systemId,
    timeline: identity.timeline,
    dataChecksums: checksums === '' ? null : checksums === 'on',
    walSegmentSize: parseSize(await show('wal_segment_size')),
  };
}

/** "16MB" → bytes, as SHOW prints wal_segment_size. */
function parseSize(text: string): number {
  const match = /^(\d+)\s*(kB|MB|GB)$/.exec(text.trim());
  if (!match) throw new BaseBackupError(`Unexpected wal_segment_size "${text}".`);
  const unit = { kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[match[2] as 'kB' | 'MB' | 'GB'];
  return Number(match[1]) * unit;
}

/**
 * Bytes a backup holds between the socket and the disk. A slower codec's blocks only queue for
 * the compression threads, so a smaller budget costs it no time; a fast codec's budget absorbs
 * write and sync stalls. gzip-1 on random data: 291 MB peak RSS with 32 MiB, 263 MB with 16 MiB,
 * at the same speed (bench:backup's random cluster).
 */
function bufferedBytesFor(codec: Codec, level: number | undefined): number {
  return (keepsUpWithStream(codec, level) ? 32 : 16) * 1024 * 1024;
}

async function streamInto(client: pg.Client, facts: ServerFacts, opts: WriteBaseBackupOptions): Promise<WrittenBaseBackup> {
  await mkdir(opts.dir, { recursive: true, mode: 0o700 });
  const pool = opts.codec === 'none' ? undefined : createCompressionPool(opts.threads ?? backupThreadCount(opts.codec, opts.level ?? undefined));
  // Before 15 each archive is its own CopyOut, whose end is the archive's end: no end-of-archive blocks are sent.
  const writer = new ArchiveWriter({
    dir: opts.dir,
    codec: opts.codec,
    level: opts.level ?? undefined,
    pool,
    endMarkers: facts.major >= 15,
    maxBufferedBytes: bufferedBytesFor(opts.codec, opts.level ?? undefined),
  });
  const manifestParts: Buffer[] = [];
  let total: bigint | null = null;
  const events: BaseBackupEvents = {
    onArchive: (archive) => writer.beginArchive(archive.tablespaceOid),
    onArchiveData: (chunk) => writer.write(chunk),
    onManifestData: (chunk) => manifestParts.push(chunk),
    onProgress: (bytesDone) => opts.onProgress?.({ bytesDone, bytesTotal: total, currentFile: writer.currentPath }),
    onTablespaces: (tablespaces) => (total = sizeOf(tablespaces)),
  };
  try {
    const beginTime = new Date();
    const stream = facts.major >= 15 ? streamBaseBackup : streamLegacyBaseBackup;
    const command = buildBaseBackupCommand(facts.major, {
      label: opts.label,
      checkpoint: opts.checkpoint,
      wal: opts.wal,
      // Cellar checks WAL availability itself (check-backup): never hang on the server's archiver.
      wait: false,
      manifestChecksums: 'SHA256',
      maxRateKbps: opts.maxRateKbps ?? undefined,
      progress: true,
    });
    const positions = await stream(client, command, events);
    const endTime = new Date();
    const contents = await writer.finish();
    const manifestBytes = Buffer.concat(manifestParts);
    if (manifestBytes.length === 0) throw new BaseBackupError('The server sent no backup manifest.');
    const manifest = parseBackupManifest(manifestBytes);
    const comparison = compareWithManifest(manifest, new Map(contents.files.map((f) => [f.path, f])));
    if (!isClean(comparison)) throw new BaseBackupError(`The backup does not match what the server sent. ${describeComparison(comparison)}`);
    const checksummed = withManifestChecksums(contents.files, manifest);
    const files = opts.reuse ? await linkUnchangedFiles(opts.dir, opts.codec, checksummed, opts.reuse) : checksummed;
    // Verbatim: its checksum covers its own bytes, and pg_verifybackup reads it as is.
    await writeFileAtomic(path.join(opts.dir, 'backup_manifest'), manifestBytes, { mode: 0o600 });
    return { facts, positions, beginTime, endTime, files, links: contents.links, manifest };
  } catch (error) {
    await writer.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    await pool?.close();
  }
}

/** The server's estimate of what it will send; null when it gave none. */
function sizeOf(tablespaces: BaseBackupPositions['tablespaces']): bigint | null {
  return tablespaces.reduce<bigint | null>((sum, t) => (t.sizeBytes === null || sum === null ? null : sum + t.sizeBytes), 0n);
}
