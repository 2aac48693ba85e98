import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PartialSegmentWriter, WalGapError, type ClosedSegmentFile } from './partial-segment-writer';
import { SpareSegment } from './spare-segment';

// The receiver's writer on a real file system, with 1 MiB segments: bytes land at the offset
// their LSN gives, a run that crosses a segment end is split, a finished segment is handed over
// under its own name with the SHA-256 of exactly its bytes, a new segment's file is the spare
// made ahead of time, and a gap in the stream is refused.

const MiB = 1024 * 1024;
// Whole segments are compared with equals(): toEqual walks a MiB byte by byte, for seconds.
const bytes = (length: number, seed: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff));

describe('PartialSegmentWriter', () => {
  let dir: string;
  let closed: ClosedSegmentFile[];
  const writer = (start: bigint, timeline = 1, spare?: SpareSegment) => new PartialSegmentWriter({ dir, timeline, segmentSize: MiB, start, spare, onClosed: (file) => closed.push(file) });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-partial-'));
    closed = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('gathers runs until a flush, writes them at their offsets, splits at segment ends, and reports flushed only after a flush', async () => {
    const w = writer(BigInt(2 * MiB));
    const first = bytes(MiB - 100, 1);
    const second = bytes(300, 2);
    // Two runs from one socket read, the first in a buffer that the next read reuses.
    const reused = Buffer.from(first.subarray(0, 1000));
    w.write(BigInt(2 * MiB), reused);
    reused.fill(0);
    w.write(BigInt(2 * MiB + 1000), first.subarray(1000));
    expect(w.received).toBe(BigInt(3 * MiB - 100));
    expect(w.written).toBe(BigInt(2 * MiB));
    expect(w.flushed).toBe(BigInt(2 * MiB));
    w.flush();
    expect(w.written).toBe(w.received);
    expect(w.flushed).toBe(w.received);
    expect((await readFile(path.join(dir, '000000010000000000000002.partial'))).equals(first)).toBe(true);
    w.write(BigInt(3 * MiB - 100), second);
    expect(closed).toHaveLength(1);
    const segment = Buffer.concat([first, second.subarray(0, 100)]);
    expect(closed[0]).toMatchObject({ name: '000000010000000000000002', path: path.join(dir, '000000010000000000000002'), complete: true, sha256: createHash('sha256').update(segment).digest('hex') });
    expect((await readFile(closed[0]!.path)).equals(segment)).toBe(true);
    // Its new name is made durable by the next flush, before anything past it is reported.
    expect(w.flushed).toBe(BigInt(3 * MiB - 100));
    w.flush();
    expect(w.flushed).toBe(BigInt(3 * MiB + 200));
    w.close();
    expect(await readFile(path.join(dir, '000000010000000000000003.partial'))).toEqual(second.subarray(100));
    expect((await readdir(dir)).sort()).toEqual(['000000010000000000000002', '000000010000000000000003.partial']);
  });

  it('refuses WAL that does not continue where the last run ended', () => {
    const w = writer(BigInt(MiB));
    expect(() => w.write(BigInt(MiB) + 8n, bytes(8, 3))).toThrow(WalGapError);
  });

  it('overwrites a resumed partial in place, keeping its tail, and hands a timeline’s last segment over as partial', async () => {
    const old = bytes(5000, 4);
    await writeFile(path.join(dir, '000000010000000000000001.partial'), old);
    const w = writer(BigInt(MiB));
    w.write(BigInt(MiB), old.subarray(0, 2000));
    w.endTimeline();
    expect(await readFile(path.join(dir, '000000010000000000000001.partial'))).toEqual(old);
    // Not complete: no hash, since the file holds more than this writer wrote.
    expect(closed).toEqual([expect.objectContaining({ name: '000000010000000000000001', complete: false, sha256: undefined })]);
    expect(await readdir(dir)).toEqual(['000000010000000000000001.partial']);
  });

  it('streams into the spare made ahead of time, and starts the next one at half a segment', async () => {
    const ahead = new SpareSegment(dir, MiB);
    await ahead.prepare();
    const w = writer(BigInt(4 * MiB), 1, ahead);
    const data = bytes(MiB + 3000, 5);
    w.write(BigInt(4 * MiB), data.subarray(0, 1000));
    // The spare took the segment's name: a whole segment of zeros past what was written.
    const partialPath = path.join(dir, '000000010000000000000004.partial');
    expect((await stat(partialPath)).size).toBe(MiB);
    w.write(BigInt(4 * MiB + 1000), data.subarray(1000));
    w.flush();
    expect(closed[0]).toMatchObject({ name: '000000010000000000000004', complete: true, sha256: createHash('sha256').update(data.subarray(0, MiB)).digest('hex') });
    expect((await readFile(closed[0]!.path)).equals(data.subarray(0, MiB))).toBe(true);
    w.close();
    // The next segment came before the spare started at half a segment was ready: it was
    // created, and holds only its bytes.
    expect(await readFile(path.join(dir, '000000010000000000000005.partial'))).toEqual(data.subarray(MiB));
    await ahead.prepare();
    expect((await stat(ahead.path)).size).toBe(MiB);
    await ahead.close();
  });

  it('resumes a partial in place rather than taking the spare over it', async () => {
    const old = bytes(5000, 6);
    await writeFile(path.join(dir, '000000010000000000000002.partial'), old);
    const spare = new SpareSegment(dir, MiB);
    await spare.prepare();
    const w = writer(BigInt(2 * MiB), 1, spare);
    w.write(BigInt(2 * MiB), old.subarray(0, 100));
    w.close();
    await spare.close();
    expect(await readFile(path.join(dir, '000000010000000000000002.partial'))).toEqual(old);
    expect((await stat(spare.path)).size).toBe(MiB);
  });
});

describe('SpareSegment', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-spare-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('makes a segment of zeros over whatever an earlier run left, and hands it over once', async () => {
    const spare = new SpareSegment(dir, MiB);
    expect(spare.takeAs(path.join(dir, 'taken'))).toBe(false);
    await writeFile(spare.path, Buffer.alloc(MiB, 9));
    await spare.prepare();
    expect(spare.takeAs(path.join(dir, 'taken'))).toBe(true);
    const taken = await readFile(path.join(dir, 'taken'));
    expect(taken.length).toBe(MiB);
    expect(taken.every((b) => b === 0)).toBe(true);
    // And another when asked.
    await spare.prepare();
    expect((await stat(spare.path)).size).toBe(MiB);
    await spare.close();
    expect(spare.takeAs(path.join(dir, 'again'))).toBe(false);
  });
});
