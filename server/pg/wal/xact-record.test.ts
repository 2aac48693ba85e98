import { describe, expect, it } from 'vitest';
import { walLayout, xactInfo } from './wal-format';
import { parseXactEnd, xactKindOf } from './xact-record';
import { xactBody } from './xact-test-bodies';

const time = 817_000_000_123_456n;

function parse(info: number, parts: Parameters<typeof xactBody>[0], major: 13 | 15 | 18 = 15, xid = 900) {
  const { data, hasInfo } = xactBody(parts);
  return parseXactEnd(data, 0, data.length, info | (hasInfo ? xactInfo.hasInfo : 0), xid, walLayout(major));
}

describe('commit and abort records', () => {
  it('names the four kinds that end a transaction, and no other', () => {
    expect([0x00, 0x20, 0x30, 0x40, 0x80, 0xa0].map(xactKindOf)).toEqual([
      'commit',
      'abort',
      'commit-prepared',
      'abort-prepared',
      'commit',
      'abort',
    ]);
    expect([0x10, 0x50, 0x60, 0x70].map(xactKindOf)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads xact_time of a commit without xinfo (XLOG_XACT_HAS_INFO clear) and takes the xid from the header', () => {
    expect(parse(xactInfo.commit, { time })).toEqual({ kind: 'commit', time, xid: 900 });
  });

  it('keeps xact_time exact beyond 2^53 microseconds and before 2000', () => {
    expect(parse(xactInfo.commit, { time: 2n ** 60n + 1n })).toMatchObject({ time: 2n ** 60n + 1n });
    expect(parse(xactInfo.commit, { time: -5n })).toMatchObject({ time: -5n });
  });

  it('reads xact_time of a commit with xinfo (subxacts, relations, invalidations, origin)', () => {
    const parts = { time, dbInfo: true, subxacts: [901, 902], rels: 2, invals: 3, origin: true };
    expect(parse(xactInfo.commit, parts)).toEqual({ kind: 'commit', time, xid: 900 });
    expect(parse(xactInfo.abort, { time, subxacts: [5] })).toEqual({ kind: 'abort', time, xid: 900 });
  });

  it('finds the prepared xid after every variable part, with each major’s dropped-stats item size', () => {
    const common = {
      time,
      dbInfo: true,
      subxacts: [31, 32, 33],
      rels: 1,
      invals: 2,
      twophaseXid: 777,
      gid: 'g1',
    };
    expect(parse(xactInfo.commitPrepared, common, 13, 0)).toEqual({
      kind: 'commit-prepared',
      time,
      xid: 777,
    });
    const stats15 = { ...common, droppedStats: { count: 2, itemSize: 12 } };
    expect(parse(xactInfo.commitPrepared, stats15, 15, 0)).toEqual({
      kind: 'commit-prepared',
      time,
      xid: 777,
    });
    const stats18 = { ...common, droppedStats: { count: 2, itemSize: 16 } };
    expect(parse(xactInfo.commitPrepared, stats18, 18, 0)).toEqual({
      kind: 'commit-prepared',
      time,
      xid: 777,
    });
    // Abort records carry no invalidations: the same bytes minus them.
    const abort = { time, rels: 1, droppedStats: { count: 1, itemSize: 12 }, twophaseXid: 778 };
    expect(parse(xactInfo.abortPrepared, abort, 15, 0)).toEqual({ kind: 'abort-prepared', time, xid: 778 });
  });

  it('says what is wrong instead of reading past the data', () => {
    expect(parse(xactInfo.commitPrepared, { time, subxacts: [1] }, 15, 0)).toMatch(
      /no prepared transaction id/,
    );
    expect(
      parse(
        xactInfo.commitPrepared,
        { time, droppedStats: { count: 1, itemSize: 12 }, twophaseXid: 1 },
        13,
        0,
      ),
    ).toMatch(/does not write/);
    const { data } = xactBody({ time, subxacts: [1, 2, 3], twophaseXid: 9 });
    expect(parseXactEnd(data, 0, 20, xactInfo.commitPrepared | xactInfo.hasInfo, 0, walLayout(15))).toMatch(
      /truncated/,
    );
    expect(parseXactEnd(data, 0, 4, xactInfo.commit, 0, walLayout(15))).toMatch(/at least 8/);
  });
});
