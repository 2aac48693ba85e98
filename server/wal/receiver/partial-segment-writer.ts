import { createHash, type Hash } from 'node:crypto';
import { closeSync, constants, fdatasync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { formatLsn, type Lsn } from '../../pg/lsn';
import { walSegmentName } from '../../pg/wal-name';
import { fsyncDirectory } from '../../repository/atomic-write';
import { splitIntoSegments } from './segment-pieces';

// Received WAL goes into <streaming>/<segment>.partial, uncompressed, at the byte offset the LSN
// gives. The positions this writer reports are the promise made to PostgreSQL:
//  - `written`: every byte before it was handed to the OS;
//  - `flushed`: every byte before it is on disk (fdatasync of the file, and of the directory
//    once for a new name), so only `flushed` may be reported as the standby's flush position.
// A segment that fills up is synced and closed, then handed over for storing; the next one is
// opened on demand. Writes are synchronous (a copy into the page cache); only syncs wait.

const datasync = promisify(fdatasync);

export type ClosedSegmentFile = {
  path: string;
  name: string;
  timeline: number;
  segno: bigint;
  complete: boolean;
  /** SHA-256 of the whole file, when this writer wrote all of it (from its first byte). */
  sha256?: string;
};

export class WalGapError extends Error {
  override name = 'WalGapError';
}

// The hash follows the writes, so storing a finished segment need not read 16 MiB through
// SHA-256 again on the event loop (a receive-lag spike at every segment end).
type OpenFile = { fd: number; segno: bigint; path: string; name: string; hash: Hash | null };

export class PartialSegmentWriter {
  written: Lsn;
  flushed: Lsn;
  private current: OpenFile | null = null;
  private directoryDirty = false;

  constructor(
    private readonly options: {
      dir: string;
      timeline: number;
      segmentSize: number;
      start: Lsn;
      /** A file that will not be written again: complete, or the last of its timeline. */
      onClosed: (file: ClosedSegmentFile) => void;
    },
  ) {
    this.written = options.start;
    this.flushed = options.start;
  }

  get timeline(): number {
    return this.options.timeline;
  }

  /** Writes one XLogData run; returns a promise only when a segment filled up (its sync and close). */
  write(start: Lsn, data: Buffer): void | Promise<void> {
    if (start !== this.written)
      throw new WalGapError(`The server sent WAL from ${formatLsn(start)} while ${formatLsn(this.written)} was expected; streaming restarts from the last flushed position.`);
    return this.writePieces(splitIntoSegments(start, data.length, this.options.segmentSize), data, 0);
  }

  private writePieces(pieces: ReturnType<typeof splitIntoSegments>, data: Buffer, from: number): void | Promise<void> {
    for (let i = from; i < pieces.length; i++) {
      const piece = pieces[i]!;
      const file = this.fileFor(piece.segno, piece.offset);
      for (let done = 0; done < piece.length; )
        done += writeSync(file.fd, data, piece.dataStart + done, piece.length - done, piece.offset + done);
      file.hash?.update(data.subarray(piece.dataStart, piece.dataStart + piece.length));
      this.written += BigInt(piece.length);
      if (piece.completes) return this.closeCurrent(true).then(() => this.writePieces(pieces, data, i + 1));
    }
  }

  /** Makes everything written durable; returns the new flushed position. */
  async flush(): Promise<Lsn> {
    const target = this.written;
    if (this.current) await datasync(this.current.fd);
    if (this.directoryDirty) await this.syncDirectory();
    this.flushed = target;
    return target;
  }

  /** The timeline ended mid-segment: the file is kept and handed over as a partial segment. */
  async endTimeline(): Promise<void> {
    await this.closeCurrent(false);
  }

  /** Syncs and closes without handing anything over: the .partial stays for the next start. */
  async close(): Promise<void> {
    const file = this.current;
    if (!file) return;
    await this.flush().finally(() => {
      closeSync(file.fd);
      this.current = null;
    });
  }

  private fileFor(segno: bigint, offset: number): OpenFile {
    if (this.current?.segno === segno) return this.current;
    if (this.current) throw new WalGapError(`Segment ${this.current.name} was left unfinished while WAL for the next one arrived.`);
    const name = walSegmentName({ timeline: this.options.timeline, segno }, this.options.segmentSize);
    const file = path.join(this.options.dir, `${name}.partial`);
    // Never truncated: a resumed partial is overwritten with the same bytes, its tail kept.
    const fd = openSync(file, constants.O_RDWR | constants.O_CREAT, 0o600);
    this.directoryDirty = true;
    this.current = { fd, segno, path: file, name, hash: offset === 0 ? createHash('sha256') : null };
    return this.current;
  }

  private async closeCurrent(complete: boolean): Promise<void> {
    const file = this.current;
    if (!file) return;
    try {
      await datasync(file.fd);
      if (this.directoryDirty) await this.syncDirectory();
    } finally {
      closeSync(file.fd);
      this.current = null;
    }
    // Every byte written so far was in this file (earlier segments were closed the same way).
    this.flushed = this.written;
    // A resumed file may be longer than what was written again: its hash covers only the prefix.
    const sha256 = complete ? file.hash?.digest('hex') : undefined;
    this.options.onClosed({ path: file.path, name: file.name, timeline: this.options.timeline, segno: file.segno, complete, sha256 });
  }

  private async syncDirectory(): Promise<void> {
    this.directoryDirty = false;
    await fsyncDirectory(this.options.dir);
  }
}
