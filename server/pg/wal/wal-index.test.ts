import { describe, expect, it } from 'vitest';
import { WalIndexer } from './wal-index';
import { xactInfo } from './wal-format';
import { WalBuilder, i64, mainData } from './wal-test-builder';
import { xactBody, type XactBodyParts } from './xact-test-bodies';

function xact(b: WalBuilder, info: number, xid: number, parts: XactBodyParts) {
  const { data, hasInfo } = xactBody(parts);
  return b.append({ rmid: 1, info: info | (hasInfo ? xactInfo.hasInfo : 0), xid, body: mainData(data) });
}

function restorePoint(b: WalBuilder, name: string, time: bigint) {
  const nameBytes = Buffer.alloc(64);
  nameBytes.write(name);
  return b.append({ rmid: 0, info: 0x70, body: mainData(Buffer.concat([i64(time), nameBytes])) });
}

describe('the WAL index of a segment', () => {
  it('counts commits and aborts, with first/last and min/max xact_time, xid range and restore points', () => {
    const b = new WalBuilder({ major: 18 });
    b.append({ rmid: 10, info: 0, xid: 500, body: mainData(Buffer.alloc(50)) });
    xact(b, xactInfo.commit, 500, { time: 2_000n });
    xact(b, xactInfo.abort, 498, { time: 1_500n, subxacts: [499] });
    const point = restorePoint(b, 'before-upgrade', 2_100n);
    xact(b, xactInfo.commitPrepared, 0, {
      time: 3_000n,
      dbInfo: true,
      droppedStats: { count: 1, itemSize: 16 },
      invals: 2,
      twophaseXid: 490,
      gid: 'tx1',
    });
    xact(b, xactInfo.abortPrepared, 0, { time: 2_500n, twophaseXid: 510 });
    b.append({ rmid: 1, info: xactInfo.prepare, xid: 520, body: mainData(Buffer.alloc(100)) });
    const index = new WalIndexer().indexSegment(b.segmentBytes(1n), 1n);
    expect(index).toMatchObject({
      segno: 1n,
      records: 7,
      commits: 2,
      aborts: 2,
      firstXactTime: 2_000n,
      lastXactTime: 2_500n,
      minXactTime: 1_500n,
      maxXactTime: 3_000n,
      minXid: 490,
      maxXid: 510,
      firstRecordLsn: 0x100028n,
      restorePoints: [
        { name: 'before-upgrade', time: 2_100n, lsn: BigInt(point.lsn), endLsn: BigInt(point.endLsn) },
      ],
    });
    expect(index.end?.reason).toBe('invalid-record-length');
  });

  it('orders xids circularly across wraparound', () => {
    const b = new WalBuilder();
    for (const xid of [0xffff_fff0, 0xffff_fffe, 3, 10]) xact(b, xactInfo.commit, xid, { time: 1n });
    expect(new WalIndexer().indexSegment(b.segmentBytes(1n), 1n)).toMatchObject({
      minXid: 0xffff_fff0,
      maxXid: 10,
      commits: 4,
    });
  });

  it('gives a record crossing into the next segment to that segment, where it ends', () => {
    const b = new WalBuilder();
    while (b.pos < 0x200000 - 500) b.append({ rmid: 10, info: 0, body: mainData(Buffer.alloc(100)) });
    const crossing = xact(b, xactInfo.commit, 4000, { time: 9n, invals: 100 });
    xact(b, xactInfo.commit, 4001, { time: 10n });
    const indexer = new WalIndexer();
    const one = indexer.indexSegment(b.segmentBytes(1n), 1n);
    const two = indexer.indexSegment(b.segmentBytes(2n), 2n);
    expect(one).toMatchObject({
      commits: 0,
      continuedRecordLsn: BigInt(crossing.lsn),
      lastRecordEndLsn: BigInt(crossing.lsn),
    });
    expect(two).toMatchObject({
      commits: 2,
      records: 2,
      minXid: 4000,
      maxXid: 4001,
      firstRecordLsn: BigInt(crossing.lsn),
    });
  });

  it("with crc 'decoded', re-reads a segment where valid WAL ends, so a torn record before the end is not counted", () => {
    const b = new WalBuilder();
    xact(b, xactInfo.commit, 600, { time: 1n });
    const torn = b.append({ rmid: 10, info: 0, body: mainData(Buffer.alloc(40)) });
    const segment = b.segmentBytes(1n);
    segment.writeUInt8(segment.readUInt8((torn.lsn % 0x100000) + 50) ^ 1, (torn.lsn % 0x100000) + 50);
    const exact = new WalIndexer().indexSegment(segment, 1n);
    const quick = new WalIndexer({ crc: 'decoded' }).indexSegment(segment, 1n);
    expect(quick).toEqual(exact);
    expect(quick).toMatchObject({
      records: 1,
      commits: 1,
      crcChecked: 'all',
      end: { lsn: BigInt(torn.lsn), reason: 'crc-mismatch' },
    });
  });

  it("with crc 'decoded', trusts plain records of a segment that is valid to its end, and says so", () => {
    const b = new WalBuilder();
    for (let i = 0; b.pos < 0x200000 - 20_000; i++)
      b.append({ rmid: 10, info: 0, body: mainData(Buffer.alloc(500 + (i % 7) * 1000)) });
    const carried = xact(b, xactInfo.commit, 601, { time: 2n, invals: 2000 });
    expect(carried.lsn).toBeLessThan(0x200000);
    expect(carried.endLsn).toBeGreaterThan(0x200000);
    const indexer = new WalIndexer({ crc: 'decoded' });
    const one = indexer.indexSegment(b.segmentBytes(1n), 1n);
    const exact = new WalIndexer().indexSegment(b.segmentBytes(1n), 1n);
    expect(one).toEqual({ ...exact, crcChecked: 'decoded' });
    expect(indexer.indexSegment(b.segmentBytes(2n), 2n)).toMatchObject({ commits: 1, crcChecked: 'all' });
  });

  it('reports no times or xids for a segment without commits', () => {
    const b = new WalBuilder();
    b.append({ rmid: 10, info: 0, body: mainData(Buffer.alloc(10)) });
    const index = new WalIndexer().indexSegment(b.segmentBytes(1n), 1n);
    expect(index).toMatchObject({ records: 1, commits: 0, aborts: 0, restorePoints: [] });
    expect(index.minXactTime).toBeUndefined();
    expect(index.minXid).toBeUndefined();
  });
});

describe("the WAL index with crc 'decoded'", () => {
  it('re-reads the very first segment from a clean state, across a timeline switch inside it', () => {
    const b = new WalBuilder();
    xact(b, xactInfo.commit, 700, { time: 1n });
    b.append({ rmid: 10, info: 0, body: mainData(Buffer.alloc(20_000)) });
    const segment = b.segmentBytes(1n);
    // Pages from the third on were written on timeline 2 (as after a promotion in mid-segment).
    for (let page = 2 * 8192; page < 4 * 8192; page += 8192) segment.writeUInt32LE(2, page + 4);
    const torn = xact(b, xactInfo.commit, 701, { time: 2n });
    segment.writeUInt32LE(2, 4 * 8192 + 4);
    segment.writeUInt8(segment.readUInt8((torn.lsn % 0x100000) + 30) ^ 1, (torn.lsn % 0x100000) + 30);
    expect(Math.floor((torn.lsn % 0x100000) / 8192)).toBe(2);
    const exact = new WalIndexer().indexSegment(segment, 1n);
    expect(exact).toMatchObject({ records: 2, end: { reason: 'crc-mismatch', lsn: BigInt(torn.lsn) } });
    expect(new WalIndexer({ crc: 'decoded' }).indexSegment(segment, 1n)).toEqual(exact);
  });
});
