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
//  - `received`: every byte before it was given to this writer (the next run must start there);
//  - `written`: every byte before it was handed to the OS;
//  - `flushed`: every byte before it is on disk, under its name (fdatasync of the file, and of
//    the directory after a name changed), so only `flushed` may be reported as the standby's
//    flush position.
// A new segment's file is the spare made ahead of time when one is ready (so a .partial may be
// longer than what was written: zeros, as PostgreSQL's own files). A segment that fills up is
// synced, renamed to <segment> (complete, waiting to be stored) and handed over.
// Runs are gathered in memory and reach the file in one write per flush (or when the buffer
// fills, or the segment ends): one socket read brings several XLogData messages, and a write
// each (as pg_receivewal does) meant about five writes per sync in bench:wal, 0.44 ms of each
// round against 0.21 ms for the one write now (perf trace).
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

/** Larger than any XLogData message (the walsender sends at most 128 KiB at a time). */
const GATHER_BYTES = 1024 * 1024;

export class PartialSegmentWriter {
  received: Lsn;
  written: Lsn;
  flushed: Lsn;
  private current: OpenFile | null = null;
  private directoryDirty = false;
  /** Bytes received for the current file, not yet written: they belong at `written`'s offset. */
  private readonly gathered = Buffer.allocUnsafe(GATHER_BYTES);
  private gatheredLength = 0;

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
    this.received = options.start;
    this.written = options.start;
    this.flushed = options.start;
  }

  get timeline(): number {
    return this.options.timeline;
  }

  /**
   * Takes one XLogData run (copied: `data` may be reused once this returns); a segment it
   * completes is written, synced, renamed and handed over.
   */
  write(start: Lsn, data: Buffer): void {
    if (start !== this.received)
      throw new WalGapError(`The server sent WAL from ${formatLsn(start)} while ${formatLsn(this.received)} was expected; streaming restarts from the last flushed position.`);
    for (const piece of splitIntoSegments(start, data.length, this.options.segmentSize)) {
      this.fileFor(piece.segno, piece.offset);
      this.gather(data, piece.dataStart, piece.dataStart + piece.length);
      if (piece.completes) this.closeCurrent(true);
      else if (crossesHalf(piece, this.options.segmentSize)) void this.options.spare?.prepare();
    }
  }

  /** Makes everything received durable: `written` and `flushed` move up to `received`. */
  flush(): void {
    this.writeGathered();
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

  private gather(data: Buffer, from: number, to: number): void {
    while (from < to) {
      if (this.gatheredLength === GATHER_BYTES) this.writeGathered();
      const copied = data.copy(this.gathered, this.gatheredLength, from, Math.min(to, from + GATHER_BYTES - this.gatheredLength));
      this.gatheredLength += copied;
      this.received += BigInt(copied);
      from += copied;
    }
  }

  private writeGathered(): void {
    const file = this.current;
    if (!file || this.gatheredLength === 0) return;
    const offset = Number(this.written % BigInt(this.options.segmentSize));
    for (let done = 0; done < this.gatheredLength; )
      done += writeSync(file.fd, this.gathered, done, this.gatheredLength - done, offset + done);
    file.hash?.update(this.gathered.subarray(0, this.gatheredLength));
    this.written += BigInt(this.gatheredLength);
    this.gatheredLength = 0;
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
      this.writeGathered();
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
