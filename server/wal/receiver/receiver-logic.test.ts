import { describe, expect, it } from 'vitest';
import { LagTracker } from './lag-tracker';
import { planResume, type ResumeInputs, type StreamedFileOnDisk } from './resume-point';
import { splitIntoSegments } from './segment-pieces';

const MiB = 1024 * 1024;
const seg = 16 * MiB;
const at = (segno: bigint, offset = 0) => segno * BigInt(seg) + BigInt(offset);

describe('splitIntoSegments', () => {
  it('keeps a run inside one segment whole', () => {
    expect(splitIntoSegments(at(3n, 100), 1000, seg)).toEqual([{ segno: 3n, offset: 100, dataStart: 0, length: 1000, completes: false }]);
  });
  it('cuts a run where a segment ends, and marks the end', () => {
    expect(splitIntoSegments(at(3n, seg - 10), 30, seg)).toEqual([
      { segno: 3n, offset: seg - 10, dataStart: 0, length: 10, completes: true },
      { segno: 4n, offset: 0, dataStart: 10, length: 20, completes: false },
    ]);
  });
  it('spans whole segments, with 1 MiB segments too', () => {
    const pieces = splitIntoSegments(BigInt(MiB - 1), 2 * MiB + 2, MiB);
    expect(pieces.map((p) => [p.segno, p.offset, p.length, p.completes])).toEqual([
      [0n, MiB - 1, 1, true],
      [1n, 0, MiB, true],
      [2n, 0, MiB, true],
      [3n, 0, 1, false],
    ]);
  });
  it('is exact above 2^53', () => {
    const high = 0xffff_fff0_0000_0000n;
    expect(splitIntoSegments(high + BigInt(seg) - 1n, 2, seg).map((p) => p.segno)).toEqual([high / BigInt(seg), high / BigInt(seg) + 1n]);
  });
  it('gives nothing for nothing', () => {
    expect(splitIntoSegments(at(1n), 0, seg)).toEqual([]);
  });
});

const partial = (timeline: number, segno: bigint): StreamedFileOnDisk => ({ name: `${timeline}-${segno}`, timeline, segno, complete: false });
const complete = (timeline: number, segno: bigint): StreamedFileOnDisk => ({ name: `${timeline}-${segno}`, timeline, segno, complete: true });
const base: ResumeInputs = { segmentSize: seg, files: [], lastStreamed: null, resetFloor: null, slot: null, server: { timeline: 1, lsn: at(9n, 12345) } };

describe('planResume', () => {
  it('starts at the server’s current segment when nothing is known', () => {
    expect(planResume(base).start).toEqual({ timeline: 1, lsn: at(9n), origin: 'server' });
  });
  it('prefers where the slot holds WAL from', () => {
    expect(planResume({ ...base, slot: { timeline: 1, lsn: at(5n, 77) } }).start).toEqual({ timeline: 1, lsn: at(5n), origin: 'slot' });
  });
  it('continues after the last segment it stored, even when the slot says otherwise', () => {
    const plan = planResume({ ...base, lastStreamed: { timeline: 1, segno: 3n }, slot: { timeline: 1, lsn: at(6n) } });
    expect(plan.start).toEqual({ timeline: 1, lsn: at(4n), origin: 'archive' });
  });
  it('streams an unfinished partial again from its segment start, in place', () => {
    const open = partial(1, 4n);
    const plan = planResume({ ...base, files: [open], lastStreamed: { timeline: 1, segno: 3n } });
    expect(plan).toEqual({ start: { timeline: 1, lsn: at(4n), origin: 'partial' }, resumed: open, storeAsSegments: [], storeAsPartials: [] });
  });
  it('stores a complete segment left unstored and continues after it', () => {
    const full = complete(1, 4n);
    const plan = planResume({ ...base, files: [full], lastStreamed: { timeline: 1, segno: 3n } });
    expect(plan.start).toEqual({ timeline: 1, lsn: at(5n), origin: 'archive' });
    expect(plan.storeAsSegments).toEqual([full]);
  });
  it('stores complete segments left unstored and streams the newest partial after them again', () => {
    const open = partial(1, 4n);
    const plan = planResume({ ...base, files: [complete(1, 3n), open], lastStreamed: { timeline: 1, segno: 2n } });
    expect(plan).toEqual({ start: { timeline: 1, lsn: at(4n), origin: 'partial' }, resumed: open, storeAsSegments: [complete(1, 3n)], storeAsPartials: [] });
  });
  it('keeps the old timeline’s last partial as a partial segment and resumes on the new one', () => {
    const old = partial(1, 7n);
    const next = partial(2, 7n);
    const plan = planResume({ ...base, files: [next, old] });
    expect(plan.start).toEqual({ timeline: 2, lsn: at(7n), origin: 'partial' });
    expect(plan.storeAsPartials).toEqual([old]);
  });
  it('after a reset, stores what was left as partials and starts at the new position', () => {
    const left = partial(1, 4n);
    const plan = planResume({ ...base, files: [left], lastStreamed: { timeline: 1, segno: 3n }, resetFloor: { timeline: 1, lsn: at(20n) } });
    expect(plan.start).toEqual({ timeline: 1, lsn: at(20n), origin: 'reset' });
    expect(plan.resumed).toBeNull();
    expect(plan.storeAsPartials).toEqual([left]);
  });
  it('ignores a reset the receiver has already streamed past', () => {
    expect(planResume({ ...base, lastStreamed: { timeline: 1, segno: 30n }, resetFloor: { timeline: 1, lsn: at(20n) } }).start.origin).toBe('archive');
  });
});

describe('LagTracker', () => {
  it('dates the backlog by the first server message beyond the flushed position', () => {
    const lag = new LagTracker();
    lag.observe(100n, 1_000);
    lag.observe(200n, 1_500);
    lag.observe(300n, 2_000);
    expect(lag.lagBytes(150n)).toBe(150n);
    expect(lag.lagMs(150n, 2_100)).toBe(600);
    expect(lag.lagMs(300n, 2_100)).toBe(0);
    expect(lag.lagBytes(300n)).toBe(0n);
  });
  it('ignores messages that do not move the server’s end', () => {
    const lag = new LagTracker();
    lag.observe(100n, 1_000);
    lag.observe(100n, 5_000);
    expect(lag.lagMs(0n, 6_000)).toBe(5_000);
  });
});
