import { describe, expect, it } from 'vitest';
import { locateMainData } from './record-body';
import { parseRestorePoint } from './restore-point';
import { walLayout } from './wal-format';
import { i64, mainData, u32 } from './wal-test-builder';

const header = Buffer.alloc(24);

/** A block reference: id, fork_flags, data_length, [image header], [RelFileLocator], BlockNumber. */
function blockRef(
  id: number,
  options: {
    image?: { length: number; info: number; holeLength?: number };
    data?: number;
    sameRel?: boolean;
  },
) {
  let flags = 0;
  const parts: Buffer[] = [];
  if (options.image) {
    flags |= 0x10;
    const image = Buffer.alloc(5);
    image.writeUInt16LE(options.image.length, 0);
    image.writeUInt16LE(100, 2);
    image[4] = options.image.info;
    parts.push(image);
    if (options.image.holeLength !== undefined)
      parts.push(Buffer.from([options.image.holeLength & 0xff, options.image.holeLength >> 8]));
  }
  if (options.data) flags |= 0x20;
  if (options.sameRel) flags |= 0x80;
  else parts.push(Buffer.alloc(12, 1));
  parts.push(u32(42));
  const head = Buffer.from([id, flags, (options.data ?? 0) & 0xff, (options.data ?? 0) >> 8]);
  return Buffer.concat([head, ...parts]);
}

function record(body: Buffer): Buffer {
  const rec = Buffer.concat([header, body]);
  rec.writeUInt32LE(rec.length, 0);
  return rec;
}

describe('record bodies', () => {
  it('finds short and long main data when the record has no block references', () => {
    const short = record(mainData(Buffer.from('abc')));
    expect(locateMainData(short, 0, short.length, walLayout(15))).toEqual({ offset: 26, length: 3 });
    const long = record(mainData(Buffer.alloc(300, 7)));
    expect(locateMainData(long, 0, long.length, walLayout(15))).toEqual({ offset: 29, length: 300 });
  });

  it('skips block headers, full-page images and block data, the origin and top-level xid fragments', () => {
    const body = Buffer.concat([
      blockRef(0, { image: { length: 5000, info: 0x01 }, data: 10 }),
      blockRef(1, { data: 7, sameRel: true }),
      Buffer.from([253, 1, 0]),
      Buffer.from([252]),
      u32(4242),
      Buffer.from([255, 4]),
      Buffer.alloc(5000 + 10 + 7, 9),
      Buffer.from('MAIN'),
    ]);
    const rec = record(body);
    const found = locateMainData(rec, 0, rec.length, walLayout(15));
    expect(found).toEqual({ offset: rec.length - 4, length: 4 });
    expect(rec.toString('latin1', rec.length - 4)).toBe('MAIN');
  });

  it('reads the hole length of a compressed image with a hole: bit 0x02 before 15, 0x04/0x08/0x10 from 15', () => {
    const withHole = (info: number) =>
      record(
        Buffer.concat([
          blockRef(0, { image: { length: 300, info, holeLength: 1000 } }),
          Buffer.from([255, 2]),
          Buffer.alloc(300),
          Buffer.from('ok'),
        ]),
      );
    const pglz13 = withHole(0x01 | 0x02);
    expect(locateMainData(pglz13, 0, pglz13.length, walLayout(13))).toEqual({
      offset: pglz13.length - 2,
      length: 2,
    });
    for (const method of [0x04, 0x08, 0x10]) {
      const rec = withHole(0x01 | method);
      expect(locateMainData(rec, 0, rec.length, walLayout(15))).toEqual({
        offset: rec.length - 2,
        length: 2,
      });
    }
    // On 15, 0x02 is BKPIMAGE_APPLY, not compression: no hole length follows.
    const apply15 = record(
      Buffer.concat([
        blockRef(0, { image: { length: 300, info: 0x01 | 0x02 } }),
        Buffer.from([255, 2]),
        Buffer.alloc(300),
        Buffer.from('ok'),
      ]),
    );
    expect(locateMainData(apply15, 0, apply15.length, walLayout(15))).toEqual({
      offset: apply15.length - 2,
      length: 2,
    });
  });

  it('reports bodies whose headers do not add up', () => {
    const rec = record(Buffer.from([255, 10, 1, 2]));
    expect(locateMainData(rec, 0, rec.length, walLayout(15))).toMatch(/announce 10/);
    const bad = record(Buffer.from([99, 0, 0, 0]));
    expect(locateMainData(bad, 0, bad.length, walLayout(15))).toMatch(/invalid block id 99/);
  });

  it('reads a restore point: rp_time and the NUL-terminated name in 64 bytes', () => {
    const name = Buffer.alloc(64);
    name.write('before-migration');
    const data = Buffer.concat([i64(123_456_789n), name]);
    expect(parseRestorePoint(data, 0, 72)).toEqual({ name: 'before-migration', time: 123_456_789n });
    expect(parseRestorePoint(Buffer.concat([i64(1n), Buffer.alloc(64, 0x41)]), 0, 72)).toMatch(/NUL/);
    expect(parseRestorePoint(data, 0, 40)).toMatch(/expected 72/);
  });
});
