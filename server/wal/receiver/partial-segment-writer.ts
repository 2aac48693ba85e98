import { createHash, type Hash } from 'node:crypto';
import { closeSync, constants, fdatasyncSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { formatLsn, type Lsn } from '../../pg/lsn';
import { walSegmentName } from '../../pg/wal-name';
import { fsyncDirectorySync } from '../../repository/atomic-write';
import { splitIntoSegments } from './segment-pieces';
import type { SpareSegment } from './spare-segment';

// Received WAL goes into <streaming>/<segment>.partial, uncompressed, at the byte offset the LSN
// gives. The positions this writer reports are the promise made to PostgreSQL:
//  - `written`: every byte before it was handed to the OS;
//  - `flushed`: every byte before it is on disk, under its name (fdatasync of the file, and of
//    the directory after a name changed), so only `flushed` may be reported as the standby's
//    flush position.
// A new segment's file is the spare made ahead of time when one is ready (so a .partial may be
// longer than what was written: zeros, as PostgreSQL's own files). A segment that fills up is
// synced, renamed to <segment> (complete, waiting to be stored) and handed over.
// Everything here is synchronous, as in pg_receivewal: the socket is paused while a flush runs
// anyway, and a sync on this thread saves two thread hops per flush (bench:wal: receive-lag p99
// 10–11 ms → 6–8 ms, 2 CPU-s a minute less). Several servers streamed by one process wait for
// each other's syncs; each then flushes more at a time, so lag grows by one round of syncs.

export type ClosedSegmentFile = {
  path: string;
  name: string;
  timeline: number;
  segno: bigint;
  complete: boolean;
  /** SHA-256 of the whole segment, when this writer wrote all of it (from its first byte). */
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
      spare?: SpareSegment;
    },
  ) {
    this.written = options.start;
    this.flushed = options.start;
  }

  get timeline(): number {
    return this.options.timeline;
  }

  /** Writes one XLogData run; a segment it completes is synced, renamed and handed over. */
  write(start: Lsn, data: Buffer): void {
    if (start !== this.written)
      throw new WalGapError(`The server sent WAL from ${formatLsn(start)} while ${formatLsn(this.written)} was expected; streaming restarts from the last flushed position.`);
    for (const piece of splitIntoSegments(start, data.length, this.options.segmentSize)) {
      const file = this.fileFor(piece.segno, piece.offset);
      for (let done = 0; done < piece.length; )
        done += writeSync(file.fd, data, piece.dataStart + done, piece.length - done, piece.offset + done);
      file.hash?.update(data.subarray(piece.dataStart, piece.dataStart + piece.length));
      this.written += BigInt(piece.length);
      if (piece.completes) this.closeCurrent(true);
      else if (crossesHalf(piece, this.options.segmentSize)) void this.options.spare?.prepare();
    }
  }

  /** Makes everything written durable: `flushed` moves up to `written`. */
  flush(): void {
    if (this.current) fdatasyncSync(this.current.fd);
    if (this.directoryDirty) {
      this.directoryDirty = false;
      fsyncDirectorySync(this.options.dir);
    }
    this.flushed = this.written;
  }

  /** The timeline ended mid-segment: the file is kept and handed over as a partial segment. */
  endTimeline(): void {
    this.closeCurrent(false);
    this.flush();
  }

  /** Syncs and closes without handing anything over: the .partial stays for the next start. */
  close(): void {
    try {
      this.flush();
    } finally {
      if (this.current) closeSync(this.current.fd);
      this.current = null;
    }
  }

  private fileFor(segno: bigint, offset: number): OpenFile {
    if (this.current?.segno === segno) return this.current;
    if (this.current) throw new WalGapError(`Segment ${this.current.name} was left unfinished while WAL for the next one arrived.`);
    const name = walSegmentName({ timeline: this.options.timeline, segno }, this.options.segmentSize);
    const file = path.join(this.options.dir, `${name}.partial`);
    const fd = this.openSegmentFile(file);
    this.directoryDirty = true;
    this.current = { fd, segno, path: file, name, hash: offset === 0 ? createHash('sha256') : null };
    return this.current;
  }

  /** A resumed partial is never truncated: it is overwritten with the same bytes, its tail kept. */
  private openSegmentFile(file: string): number {
    try {
      return openSync(file, constants.O_RDWR);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.options.spare?.takeAs(file);
    return openSync(file, constants.O_RDWR | constants.O_CREAT, 0o600);
  }

  private closeCurrent(complete: boolean): void {
    const file = this.current;
    if (!file) return;
    let closedPath = file.path;
    try {
      fdatasyncSync(file.fd);
    } finally {
      closeSync(file.fd);
      this.current = null;
    }
    if (complete) {
      // Its own name says it is whole (a .partial may be longer than what was written). The next
      // flush makes the name durable before reporting any byte past it.
      closedPath = path.join(this.options.dir, file.name);
      renameSync(file.path, closedPath);
      this.directoryDirty = true;
    }
    // A resumed file may be longer than what was written again: its hash covers only the prefix.
    const sha256 = complete ? file.hash?.digest('hex') : undefined;
    this.options.onClosed({ path: closedPath, name: file.name, timeline: this.options.timeline, segno: file.segno, complete, sha256 });
  }
}

/**
 * The next spare is made once the segment is half full: not at its start, where storing the
 * segment just finished already competes with the stream for the disk.
 */
function crossesHalf(piece: { offset: number; length: number }, segmentSize: number): boolean {
  const half = segmentSize / 2;
  return piece.offset < half && piece.offset + piece.length >= half;
}
