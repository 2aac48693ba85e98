import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Codec } from '../repository/codecs';
import type { CompressionPool } from '../repository/compression-pool';
import { fsyncDirectory } from '../repository/atomic-write';
import { createTarParser, type TarHeader, type TarParser } from '../repository/tar-stream';
import { storedFilePath, tablespaceClusterPath } from './backup-layout';
import { createBlockArena, type BlockArena } from './block-arena';
import { createFlowBudget, type FlowBudget } from './flow-budget';
import { StoredFileWriter, type StoredFile, type StoredFileJob } from './stored-file-writer';

// Turns the tar archives of a BASE_BACKUP into a backup directory: regular files become
// stored files (see stored-file-writer.ts), directories are created, and symbolic links
// (pg_tblspc/<oid>) are recorded for the restore to recreate where the user wants them.

export type ArchiveLink = { path: string; target: string };

export type ArchiveWriterOptions = {
  /** The backup's .partial directory. */
  dir: string;
  codec: Codec;
  level: number | undefined;
  pool: CompressionPool | undefined;
  blockSize?: number;
  /** Bytes received but not yet written, across files. */
  maxBufferedBytes?: number;
  maxOpenFiles?: number;
  /** Whether each archive ends with tar's end-of-archive blocks (PostgreSQL 15 and later). */
  endMarkers?: boolean;
};

export type ArchiveContents = { files: StoredFile[]; links: ArchiveLink[] };

export class BackupArchiveError extends Error {
  override name = 'BackupArchiveError';
}

export class ArchiveWriter {
  private readonly budget: FlowBudget;
  private readonly blocks: BlockArena;
  private readonly files: Promise<StoredFile>[] = [];
  private readonly open = new Set<StoredFileWriter>();
  private readonly links: ArchiveLink[] = [];
  private readonly directories = new Set<string>();
  private parser: TarParser | undefined;
  private readonly archivesEnded: Promise<void>[] = [];
  private failure: Error | undefined;
  /** The file being received, for progress reports. */
  currentPath: string | null = null;

  constructor(private readonly options: ArchiveWriterOptions) {
    const bytes = options.maxBufferedBytes ?? 32 * 1024 * 1024;
    this.budget = createFlowBudget({ bytes, files: options.maxOpenFiles ?? 64 });
    // As many full blocks as the budget lets be in flight, the one being filled and the one the
    // budget lets through when larger than what is left.
    this.blocks = createBlockArena(this.blockSize, Math.ceil(bytes / this.blockSize) + 2);
  }

  /**
   * A new tar archive: the data directory (null) or a tablespace. The previous archive ends
   * here; its last chunks may still be in its parser's queue, which finish() waits for.
   */
  beginArchive(tablespaceOid: number | null): void {
    this.endArchive();
    this.parser = createTarParser((header) => this.onEntry(header, tablespaceOid));
  }

  /** Nothing when the chunk was taken in synchronously; a promise while writers catch up. */
  write(chunk: Buffer): void | Promise<void> {
    if (!this.parser) return Promise.reject(new BackupArchiveError('Archive data arrived outside an archive.'));
    return this.parser.write(chunk);
  }

  private endArchive(): void {
    const parser = this.parser;
    this.parser = undefined;
    if (!parser) return;
    const ended = parser.end().then((summary) => {
      if (this.options.endMarkers !== false && !summary.sawEndMarker) throw new BackupArchiveError('An archive of the backup ended without its end-of-archive marker: the stream was cut.');
    });
    ended.catch(() => undefined); // awaited by finish()
    this.archivesEnded.push(ended);
  }

  /** Waits for every archive to be parsed and every file to be durable, then makes the directories durable. */
  async finish(): Promise<ArchiveContents> {
    this.endArchive();
    await Promise.all(this.archivesEnded);
    const files = await Promise.all(this.files);
    await Promise.all([...this.directories].map((dir) => fsyncDirectory(dir)));
    await fsyncDirectory(this.options.dir);
    return { files, links: this.links };
  }

  /** Stops everything after a failure; open files are closed so the directory can be removed. */
  async abort(error: Error): Promise<void> {
    this.stop(error);
    await Promise.all([...this.open].map((writer) => writer.abort(error)));
    await Promise.allSettled(this.files);
  }

  private stop(error: Error): void {
    this.failure ??= error;
    this.budget.abort(this.failure);
  }

  /** Synchronous for a file in a directory already made and with room in the budget: most of them. */
  private onEntry(header: TarHeader, tablespaceOid: number | null): StoredFileWriter | undefined | Promise<StoredFileWriter | undefined> {
    if (this.failure) throw this.failure;
    const entryPath = safeRelativePath(header.path);
    const clusterPath = tablespaceOid === null ? entryPath : tablespaceClusterPath(tablespaceOid, entryPath);
    if (header.type === 'directory') return this.makeDirectory(path.join(this.options.dir, storedFilePath(clusterPath, 'none')));
    if (header.type === 'symlink') {
      this.links.push({ path: clusterPath, target: header.linkname });
      return undefined;
    }
    if (header.type !== 'file') throw new BackupArchiveError(`Unexpected ${header.type} entry "${header.path}" in the backup stream.`);
    this.currentPath = clusterPath;
    const target = path.join(this.options.dir, storedFilePath(clusterPath, this.options.codec));
    const job = { clusterPath, target, size: header.size };
    const made = this.makeDirectory(path.dirname(target));
    return made ? made.then(() => this.startFile(job)) : this.startFile(job);
  }

  private startFile(job: StoredFileJob): StoredFileWriter | Promise<StoredFileWriter> {
    const { codec, level, pool } = this.options;
    const opened = StoredFileWriter.open({ codec, level, pool, budget: this.budget, blockSize: this.blockSize, blocks: this.blocks }, job);
    return opened instanceof StoredFileWriter ? this.track(opened) : opened.then((writer) => this.track(writer));
  }

  private track(writer: StoredFileWriter): StoredFileWriter {
    this.open.add(writer);
    const done = writer.done.finally(() => this.open.delete(writer));
    // The first file that fails (a full disk, say) stops the stream: waiting writers are woken with it.
    done.catch((error: unknown) => this.stop(error instanceof Error ? error : new Error(String(error))));
    this.files.push(done);
    return writer;
  }

  private get blockSize(): number {
    return this.options.blockSize ?? 1024 * 1024;
  }

  /** Nothing to wait for when the directory was made already. */
  private makeDirectory(dir: string): Promise<undefined> | undefined {
    if (this.directories.has(dir)) return undefined;
    // Every directory on the way gets an entry that must be made durable.
    for (let d = dir; d.startsWith(this.options.dir) && d !== this.options.dir; d = path.dirname(d)) this.directories.add(d);
    return mkdir(dir, { recursive: true, mode: 0o700 }).then(() => undefined);
  }
}

/** Archive paths are relative and stay inside the backup; anything else is an attack or a bug. */
function safeRelativePath(entryPath: string): string {
  const normalized = path.posix.normalize(entryPath).replace(/\/+$/, '');
  if (normalized === '' || normalized === '.' || path.posix.isAbsolute(normalized) || normalized.split('/').includes('..'))
    throw new BackupArchiveError(`Refusing archive entry with unsafe path "${entryPath}".`);
  return normalized;
}
