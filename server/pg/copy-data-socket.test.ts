import { describe, expect, it } from 'vitest';
import { CopyDataFramer } from './copy-data-socket';

// The framer splits a backend byte stream in two: CopyData payloads inside a CopyOut go to the
// handler, everything else to pg, byte for byte and in order, wherever the reads happen to cut.

const message = (type: string, body: Buffer | string = Buffer.alloc(0)) => {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeUInt32BE(payload.length + 4, 1);
  return Buffer.concat([header, payload]);
};
const bytes = (length: number, seed: number) =>
  Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff));

// A BASE_BACKUP as PostgreSQL 13 and 14 send it: a result set, then one CopyOut per archive.
const copyPayloads = [bytes(32_768, 1), bytes(1, 2), Buffer.alloc(0), bytes(70_000, 3), bytes(9, 4)];
const secondCopy = [bytes(100, 5), bytes(40_000, 6)];
const before = [
  message('T', 'row description'),
  message('D', 'a row'),
  message('C', 'SELECT 1'),
  message('H', Buffer.from([0, 0, 0])),
];
const between = [message('c'), message('H', Buffer.from([0, 0, 0]))];
const after = [message('c'), message('C', 'BASE_BACKUP'), message('Z', 'I')];
const stream = Buffer.concat([
  ...before,
  ...copyPayloads.map((p) => message('d', p)),
  ...between,
  ...secondCopy.map((p) => message('d', p)),
  ...after,
]);

function feed(cuts: number[], attached = true) {
  const framer = new CopyDataFramer();
  const toPg: Buffer[] = [];
  const captured: Buffer[] = [];
  framer.toPg = (b) => toPg.push(Buffer.from(b));
  // The handler's views are valid during the call only: keep copies.
  if (attached) framer.attach((chunk) => captured.push(Buffer.from(chunk)));
  let at = 0;
  for (const cut of [...cuts, stream.length]) {
    // Each read lands in the same reused buffer, overwritten afterwards.
    const read = Buffer.from(stream.subarray(at, cut));
    framer.read(read);
    read.fill(0xee);
    at = cut;
  }
  return { toPg: Buffer.concat(toPg), captured };
}

describe('CopyDataFramer', () => {
  const expectedToPg = Buffer.concat([...before, ...between, ...after]);

  it('takes in the CopyData of every CopyOut and hands the rest to pg, read in one piece', () => {
    const { toPg, captured } = feed([]);
    expect(captured).toEqual([...copyPayloads, ...secondCopy]);
    expect(toPg.equals(expectedToPg)).toBe(true);
  });

  it('gives the same result however the reads cut the stream', () => {
    const cutsEvery = (step: number) =>
      Array.from({ length: Math.floor((stream.length - 1) / step) }, (_, i) => (i + 1) * step);
    for (const step of [1, 3, 5, 4096, 32_773, 65_536]) {
      const { toPg, captured } = feed(cutsEvery(step));
      expect(captured, `reads of ${step} bytes`).toEqual([...copyPayloads, ...secondCopy]);
      expect(toPg.equals(expectedToPg), `reads of ${step} bytes`).toBe(true);
    }
  });

  it('hands everything to pg when no handler is attached', () => {
    const { toPg, captured } = feed([7, 100, 50_000], false);
    expect(captured).toEqual([]);
    expect(toPg.equals(stream)).toBe(true);
  });

  it('takes in the CopyData of a CopyBoth stream (START_REPLICATION) up to its CopyDone', () => {
    const wal = [bytes(8_192, 7), bytes(60, 8)];
    const before = [message('Z', 'I'), message('W', Buffer.from([0, 0, 0]))];
    const after = [
      message('c'),
      message('T', 'next timeline'),
      message('D', 'a row'),
      message('C', 'START_STREAMING'),
      message('Z', 'I'),
    ];
    const replication = Buffer.concat([...before, ...wal.map((p) => message('d', p)), ...after]);
    for (const step of [1, 2, 4096, replication.length]) {
      const framer = new CopyDataFramer();
      const toPg: Buffer[] = [];
      const captured: Buffer[] = [];
      framer.toPg = (b) => toPg.push(Buffer.from(b));
      framer.attach((chunk) => captured.push(Buffer.from(chunk)));
      for (let at = 0; at < replication.length; at += step)
        framer.read(Buffer.from(replication.subarray(at, at + step)));
      expect(captured, `reads of ${step} bytes`).toEqual(wal);
      expect(Buffer.concat(toPg).equals(Buffer.concat([...before, ...after])), `reads of ${step} bytes`).toBe(
        true,
      );
    }
  });

  it('leaves a copy interrupted by another message (a notice) to pg from there on', () => {
    const notice = message('N', 'a notice');
    const tail = [message('d', bytes(10, 9)), message('c'), message('Z', 'I')];
    const interrupted = Buffer.concat([
      message('H', Buffer.from([0, 0, 0])),
      message('d', bytes(20, 8)),
      notice,
      ...tail,
    ]);
    const framer = new CopyDataFramer();
    const toPg: Buffer[] = [];
    const captured: Buffer[] = [];
    framer.toPg = (b) => toPg.push(Buffer.from(b));
    framer.attach((chunk) => captured.push(Buffer.from(chunk)));
    framer.read(interrupted);
    expect(captured).toEqual([bytes(20, 8)]);
    // pg's own parser emits the rest of the copy's CopyData, which the caller also listens for.
    expect(
      Buffer.concat(toPg).equals(Buffer.concat([message('H', Buffer.from([0, 0, 0])), notice, ...tail])),
    ).toBe(true);
  });

  it('stops taking CopyData in once released', () => {
    const framer = new CopyDataFramer();
    const toPg: Buffer[] = [];
    framer.toPg = (b) => toPg.push(Buffer.from(b));
    const release = framer.attach(() => {
      throw new Error('released handlers get nothing');
    });
    release();
    framer.read(stream);
    expect(Buffer.concat(toPg).equals(stream)).toBe(true);
  });
});
