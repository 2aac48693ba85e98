import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PartialSegmentWriter, WalGapError, type ClosedSegmentFile } from './partial-segment-writer';

// The receiver's writer on a real file system, with 1 MiB segments: bytes land at the offset
// their LSN gives, a run that crosses a segment end is split, a finished segment is handed over
// with the SHA-256 of exactly its bytes, and a gap in the stream is refused.

const MiB = 1024 * 1024;
const bytes = (length: number, seed: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff));

describe('PartialSegmentWriter', () => {
  let dir: string;
  let closed: ClosedSegmentFile[];
  const writer = (start: bigint, timeline = 1) => new PartialSegmentWriter({ dir, timeline, segmentSize: MiB, start, onClosed: (file) => closed.push(file) });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-partial-'));
    closed = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes runs at their offsets, splits at segment ends, and reports flushed only after a flush', async () => {
    const w = writer(BigInt(2 * MiB));
    const first = bytes(MiB - 100, 1);
    const second = bytes(300, 2);
    await w.write(BigInt(2 * MiB), first);
    expect(w.written).toBe(BigInt(3 * MiB - 100));
    expect(w.flushed).toBe(BigInt(2 * MiB));
    await w.flush();
    expect(w.flushed).toBe(w.written);
    await w.write(BigInt(3 * MiB - 100), second);
    expect(closed).toHaveLength(1);
    const segment = Buffer.concat([first, second.subarray(0, 100)]);
    expect(closed[0]).toMatchObject({ name: '000000010000000000000002', complete: true, sha256: createHash('sha256').update(segment).digest('hex') });
    expect(await readFile(closed[0]!.path)).toEqual(segment);
    // The completed segment is synced: flushed has passed it, and the next one is open.
    expect(w.flushed).toBe(BigInt(3 * MiB));
    await w.close();
    expect(await readFile(path.join(dir, '000000010000000000000003.partial'))).toEqual(second.subarray(100));
  });

  it('refuses WAL that does not continue where the last run ended', () => {
    const w = writer(BigInt(MiB));
    expect(() => w.write(BigInt(MiB) + 8n, bytes(8, 3))).toThrow(WalGapError);
  });

  it('overwrites a resumed partial in place, keeping its tail, and hands a timeline’s last segment over as partial', async () => {
    const old = bytes(5000, 4);
    await writeFile(path.join(dir, '000000010000000000000001.partial'), old);
    const w = writer(BigInt(MiB));
    await w.write(BigInt(MiB), old.subarray(0, 2000));
    await w.endTimeline();
    expect(await readFile(path.join(dir, '000000010000000000000001.partial'))).toEqual(old);
    // Not complete: no hash, since the file holds more than this writer wrote.
    expect(closed).toEqual([expect.objectContaining({ name: '000000010000000000000001', complete: false, sha256: undefined })]);
    expect(await readdir(dir)).toEqual(['000000010000000000000001.partial']);
  });
});
