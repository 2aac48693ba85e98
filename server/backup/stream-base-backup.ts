import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Transform } from 'node:stream';
import pg from 'pg';
import type { PgClientConfig } from '../pg/conninfo';
import type { Lsn } from '../pg/lsn';
import { parseBackupPositionRow, parseBaseBackupMessage } from '../pg/replication-messages';
import { writeFileAtomic } from '../repository/atomic-write';
import { codecSuffix, compressStream, type Codec } from '../repository/codecs';
import { createTarParser, type TarEntrySink, type TarHeader } from '../repository/tar-stream';

// Streams BASE_BACKUP (PostgreSQL 15+ protocol: one CopyOut carrying tagged CopyData messages)
// straight into a repository directory: each file of the base archive is compressed on its own
// and written atomically, so a restore can fetch single files and a crash leaves no torn files.

export type StreamBaseBackupOptions = {
  clientConfig: PgClientConfig;
  label: string;
  checkpoint: 'fast' | 'spread';
  codec: Codec;
  level?: number;
  targetDir: string;
  onProgress?: (progress: { bytesDone: bigint }) => void;
};

export type SpecialEntry = { path: string; type: TarHeader['type']; linkname: string };

export type StreamBaseBackupResult = {
  startLsn: Lsn;
  endLsn: Lsn;
  timeline: number;
  /** Regular files written (data files, and WAL segments included with WAL true). */
  files: number;
  /** Uncompressed bytes of those files. */
  bytes: bigint;
  manifestPath: string;
  /** Symlinks and other non-file entries: not materialised, kept for the caller to record. */
  specialEntries: SpecialEntry[];
};

export class BaseBackupError extends Error {
  override name = 'BaseBackupError';
}

type Conn = {
  on(event: 'copyData', listener: (msg: { chunk: Buffer }) => void): void;
  stream: { pause(): void; resume(): void; destroy(): void };
};

export async function streamBaseBackup(opts: StreamBaseBackupOptions): Promise<StreamBaseBackupResult> {
  // Fail before connecting: an unsupported codec must not cost a checkpoint on the server.
  compressStream(opts.codec, opts.level).destroy();
  const client = new pg.Client({ ...opts.clientConfig, replication: opts.clientConfig.replication ?? 'true' } as pg.ClientConfig);
  // Aborting destroys the socket, which pg also reports as an 'error' event; the query's
  // rejection (or our recorded failure) already carries it, so the event is not needed.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const version = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    const major = Math.floor(Number(version.rows[0]?.server_version_num) / 10_000);
    if (!(major >= 15)) throw new BaseBackupError(`PostgreSQL 13/14 format not implemented yet (server is ${major}).`);
    return await runBaseBackup(client, opts);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function runBaseBackup(client: pg.Client, opts: StreamBaseBackupOptions): Promise<StreamBaseBackupResult> {
  const conn = (client as unknown as { connection: Conn }).connection;
  const dataDir = path.join(opts.targetDir, 'data');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const writer = new ArchiveWriter(dataDir, opts.codec, opts.level);
  const parser = createTarParser((header) => writer.onEntry(header));
  const manifestParts: Buffer[] = [];
  let phase: 'before' | 'base' | 'manifest' = 'before';
  let failure: Error | undefined;
  let pending = 0;

  // Destroying the socket makes client.query reject, ending the backup on the server too.
  const fail = (error: unknown) => {
    failure ??= error instanceof Error ? error : new Error(String(error));
    writer.abort(failure);
    conn.stream.destroy();
  };

  conn.on('copyData', (msg) => {
    if (failure) return;
    try {
      // pg-protocol reuses its receive buffer: own the bytes before anything async sees them.
      const message = parseBaseBackupMessage(Buffer.from(msg.chunk));
      if (message.type === 'new-archive') {
        if (message.tablespaceLocation !== '')
          throw new BaseBackupError(`tablespaces not implemented yet (${message.tablespaceLocation}).`);
        phase = 'base';
      } else if (message.type === 'manifest') {
        phase = 'manifest';
      } else if (message.type === 'progress') {
        opts.onProgress?.({ bytesDone: message.bytesDone });
      } else if (phase === 'manifest') {
        manifestParts.push(message.data);
      } else if (phase === 'base') {
        // Bounded memory: stop reading the socket while the disk is behind.
        if (pending++ === 0) conn.stream.pause();
        parser.write(message.data).then(
          () => {
            if (--pending === 0) conn.stream.resume();
          },
          fail,
        );
      } else {
        throw new BaseBackupError('BASE_BACKUP sent archive data before announcing an archive.');
      }
    } catch (error) {
      fail(error);
    }
  });

  const label = opts.label.replaceAll("'", "''");
  const command = `BASE_BACKUP (LABEL '${label}', CHECKPOINT '${opts.checkpoint}', WAL true, MANIFEST 'yes')`;
  let results: pg.QueryResult[];
  try {
    // Several result sets (start position, tablespaces, end position): pg returns them as an array.
    results = (await client.query(command)) as unknown as pg.QueryResult[];
  } catch (error) {
    throw failure ?? error;
  }
  if (failure) throw failure;
  await parser.end();
  if (manifestParts.length === 0) throw new BaseBackupError('The server sent no backup manifest.');

  const positions = results.filter((r) => r.fields.some((f) => f.name === 'recptr'));
  const start = parseBackupPositionRow(positions[0]?.rows[0]);
  const end = parseBackupPositionRow(positions.at(-1)?.rows[0]);
  const manifestPath = path.join(opts.targetDir, 'backup_manifest');
  // Verbatim: its checksum covers its own bytes, and pg_verifybackup reads it as is.
  await writeFileAtomic(manifestPath, Buffer.concat(manifestParts));
  return {
    startLsn: start.lsn,
    endLsn: end.lsn,
    timeline: start.timeline,
    files: writer.files,
    bytes: writer.bytes,
    manifestPath,
    specialEntries: writer.specialEntries,
  };
}

class ArchiveWriter {
  files = 0;
  bytes = 0n;
  readonly specialEntries: SpecialEntry[] = [];
  private current: Transform | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly codec: Codec,
    private readonly level: number | undefined,
  ) {}

  async onEntry(header: TarHeader): Promise<TarEntrySink | undefined> {
    const relative = safeRelativePath(header.path);
    if (header.type === 'directory') {
      await mkdir(path.join(this.dataDir, relative), { recursive: true, mode: 0o700 });
      return undefined;
    }
    if (header.type !== 'file') {
      this.specialEntries.push({ path: relative, type: header.type, linkname: header.linkname });
      return undefined;
    }
    const target = path.join(this.dataDir, relative + codecSuffix(this.codec));
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    this.files++;
    this.current = compressStream(this.codec, this.level);
    return this.fileSink(target, this.current);
  }

  /** Ends the file being written with an error, so writeFileAtomic removes its temporary file. */
  abort(error: Error): void {
    this.current?.destroy(error);
  }

  private fileSink(target: string, compressor: Transform): TarEntrySink {
    const done = writeFileAtomic(target, compressor, { mode: 0o600 });
    // If the write fails, pending drains never come: let the failure win the race instead.
    const failed = done.then(() => new Promise<never>(() => undefined));
    // Observed here so an early failure is not "unhandled"; end() and write() still see it.
    done.catch(() => undefined);
    failed.catch(() => undefined);
    return {
      write: async (chunk) => {
        this.bytes += BigInt(chunk.length);
        // Tar body chunks are views valid only until this promise settles; the compressor may keep them longer.
        if (!compressor.write(Buffer.from(chunk))) await Promise.race([once(compressor, 'drain'), failed]);
      },
      end: async () => {
        compressor.end();
        await done;
        if (this.current === compressor) this.current = undefined;
      },
    };
  }
}

/** Archive paths are relative and stay inside the data directory; anything else is an attack or a bug. */
function safeRelativePath(entryPath: string): string {
  const normalized = path.posix.normalize(entryPath).replace(/\/+$/, '');
  if (normalized === '' || normalized === '.' || path.posix.isAbsolute(normalized) || normalized.split('/').includes('..'))
    throw new BaseBackupError(`Refusing archive entry with unsafe path "${entryPath}".`);
  return normalized;
}
