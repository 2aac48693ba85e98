import { describe, expect, it } from 'vitest';
import { parseLsn } from './lsn';
import {
  buildStandbyStatusUpdate,
  dateToPgTimestamp,
  parseBackupPositionRow,
  parseBaseBackupMessage,
  parseIdentifySystemRow,
  parseReplicationMessage,
  parseTablespaceRow,
  parseTimelineSwitchRow,
  pgTimestampToDate,
  ReplicationMessageError,
} from './replication-messages';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
// 2024-01-02T03:04:05.678Z as PostgreSQL microseconds since 2000-01-01.
const when = new Date('2024-01-02T03:04:05.678Z');
const whenMicros = 757_479_845_678_000n;

describe('PostgreSQL timestamps', () => {
  it('counts microseconds from 2000-01-01 UTC', () => {
    expect(pgTimestampToDate(0n)).toEqual(new Date('2000-01-01T00:00:00Z'));
    expect(dateToPgTimestamp(new Date('2000-01-01T00:00:00Z'))).toBe(0n);
    expect(dateToPgTimestamp(when)).toBe(whenMicros);
    expect(pgTimestampToDate(whenMicros + 999n)).toEqual(when);
    expect(pgTimestampToDate(-1_000_000n)).toEqual(new Date('1999-12-31T23:59:59Z'));
    expect(() => dateToPgTimestamp(new Date(Number.NaN))).toThrow(ReplicationMessageError);
  });
});

describe('START_REPLICATION messages', () => {
  it("parses XLogData 'w' and exposes the WAL bytes without copying", () => {
    const buf = Buffer.concat([
      hex('77 0000000100000000 00000001000000FF'),
      Buffer.alloc(8),
      Buffer.from('WAL!'),
    ]);
    buf.writeBigInt64BE(whenMicros, 17);
    const message = parseReplicationMessage(buf);
    expect(message).toEqual({
      type: 'xlogdata',
      start: parseLsn('1/0'),
      serverEnd: parseLsn('1/FF'),
      serverTime: when,
      data: Buffer.from('WAL!'),
    });
    if (message.type === 'xlogdata') expect(message.data.buffer).toBe(buf.buffer);
  });

  it('parses XLogData with no payload, and the top of the address space', () => {
    const buf = Buffer.concat([hex('77 FFFFFFFFFFFFFFFF FFFFFFFFFFFFFFFF'), Buffer.alloc(8)]);
    expect(parseReplicationMessage(buf)).toMatchObject({
      start: parseLsn('FFFFFFFF/FFFFFFFF'),
      data: Buffer.alloc(0),
    });
  });

  it("parses a primary keepalive 'k' with and without a reply request", () => {
    const buf = Buffer.concat([hex('6b 0000000003000148'), Buffer.alloc(8), hex('01')]);
    buf.writeBigInt64BE(whenMicros, 9);
    expect(parseReplicationMessage(buf)).toEqual({
      type: 'keepalive',
      serverEnd: parseLsn('0/3000148'),
      serverTime: when,
      replyRequested: true,
    });
    buf[17] = 0;
    expect(parseReplicationMessage(buf)).toMatchObject({ replyRequested: false });
  });

  it('rejects short and unknown messages', () => {
    expect(() => parseReplicationMessage(hex('77 00'))).toThrow(
      /XLogData message is 2 bytes, expected at least 25/,
    );
    expect(() => parseReplicationMessage(Buffer.alloc(17, 0x6b))).toThrow(
      /Primary keepalive message is 17 bytes/,
    );
    expect(() => parseReplicationMessage(hex('72 00'))).toThrow(
      /Unexpected replication message type 0x72 'r'/,
    );
    expect(() => parseReplicationMessage(Buffer.alloc(0))).toThrow(/empty message/);
    expect(() => parseReplicationMessage(hex('01'))).toThrow(/0x01\.$/);
  });

  it("builds a standby status update 'r'", () => {
    const buf = buildStandbyStatusUpdate({
      written: parseLsn('0/3000148'),
      flushed: parseLsn('0/3000100'),
      applied: 0n,
      clientTime: when,
      replyRequested: true,
    });
    expect(buf.toString('hex')).toBe(
      `72${'0000000003000148'}${'0000000003000100'}${'0000000000000000'}${whenMicros.toString(16).padStart(16, '0')}01`,
    );
    expect(buf).toHaveLength(34);
    const noReply = buildStandbyStatusUpdate({
      written: parseLsn('FFFFFFFF/FFFFFFFF'),
      flushed: 1n,
      applied: 1n,
      clientTime: when,
    });
    expect(noReply[33]).toBe(0);
    expect(noReply.readBigUInt64BE(1)).toBe(parseLsn('FFFFFFFF/FFFFFFFF'));
  });

  it('stamps the status update with the current time by default', () => {
    const before = dateToPgTimestamp(new Date());
    const sent = buildStandbyStatusUpdate({ written: 1n, flushed: 1n, applied: 1n }).readBigInt64BE(25);
    expect(sent >= before && sent <= dateToPgTimestamp(new Date())).toBe(true);
  });
});

describe('BASE_BACKUP messages (PostgreSQL 15+)', () => {
  it("parses 'n' new archive for the data directory and for a tablespace", () => {
    expect(parseBaseBackupMessage(Buffer.from('nbase.tar\0\0'))).toEqual({
      type: 'new-archive',
      archiveName: 'base.tar',
      tablespaceLocation: '',
    });
    expect(parseBaseBackupMessage(Buffer.from('n16385.tar\0/srv/ts ü\0'))).toEqual({
      type: 'new-archive',
      archiveName: '16385.tar',
      tablespaceLocation: '/srv/ts ü',
    });
  });

  it("parses 'd' data, 'p' progress and 'm' manifest", () => {
    const data = Buffer.from('dtar bytes');
    const parsed = parseBaseBackupMessage(data);
    expect(parsed).toEqual({ type: 'data', data: Buffer.from('tar bytes') });
    if (parsed.type === 'data') expect(parsed.data.buffer).toBe(data.buffer);
    expect(parseBaseBackupMessage(hex('70 0000000005A9F000'))).toEqual({
      type: 'progress',
      bytesDone: 0x5a9f000n,
    });
    expect(parseBaseBackupMessage(hex('70 FFFFFFFFFFFFFFFF'))).toEqual({
      type: 'progress',
      bytesDone: 2n ** 64n - 1n,
    });
    expect(parseBaseBackupMessage(Buffer.from('m'))).toEqual({ type: 'manifest' });
    expect(parseBaseBackupMessage(Buffer.from('d'))).toEqual({ type: 'data', data: Buffer.alloc(0) });
  });

  it('rejects truncated and unknown messages', () => {
    expect(() => parseBaseBackupMessage(Buffer.from('nbase.tar'))).toThrow(/unterminated string/);
    expect(() => parseBaseBackupMessage(Buffer.from('nbase.tar\0'))).toThrow(/unterminated string/);
    expect(() => parseBaseBackupMessage(hex('70 0000'))).toThrow(/Progress message is 3 bytes/);
    expect(() => parseBaseBackupMessage(Buffer.from('x'))).toThrow(
      /Unexpected base backup message type 0x78 'x'/,
    );
    expect(() => parseBaseBackupMessage(Buffer.alloc(0))).toThrow(ReplicationMessageError);
  });
});

describe('replication command result rows', () => {
  it('parses IDENTIFY_SYSTEM as PostgreSQL 15 (int4 timeline) and 18 (text) return it through pg', () => {
    const expected = {
      systemId: '7713048412514807965',
      timeline: 1,
      xlogpos: parseLsn('0/3000000'),
      dbname: null,
    };
    expect(
      parseIdentifySystemRow({
        systemid: '7713048412514807965',
        timeline: 1,
        xlogpos: '0/3000000',
        dbname: null,
      }),
    ).toEqual(expected);
    expect(
      parseIdentifySystemRow({
        systemid: '7713048412514807965',
        timeline: '1',
        xlogpos: '0/3000000',
        dbname: null,
      }),
    ).toEqual(expected);
    expect(
      parseIdentifySystemRow({ systemid: '1', timeline: 3, xlogpos: '16/B374D848', dbname: 'app' }),
    ).toMatchObject({ timeline: 3, dbname: 'app' });
  });

  it('rejects IDENTIFY_SYSTEM rows that do not fit', () => {
    expect(() => parseIdentifySystemRow(undefined)).toThrow(/Unexpected IDENTIFY_SYSTEM result row/);
    expect(() =>
      parseIdentifySystemRow({ systemid: '1', timeline: 0, xlogpos: '0/0', dbname: null }),
    ).toThrow(/timeline/);
    expect(() =>
      parseIdentifySystemRow({ systemid: 'x', timeline: 1, xlogpos: '0/0', dbname: null }),
    ).toThrow(/systemid/);
    expect(() =>
      parseIdentifySystemRow({ systemid: '1', timeline: 1, xlogpos: 'nope', dbname: null }),
    ).toThrow(/xlogpos: "nope" is not a WAL location/);
  });

  it('parses the BASE_BACKUP start/end position and tablespace rows', () => {
    expect(parseBackupPositionRow({ recptr: '0/3000028', tli: '1' })).toEqual({
      lsn: parseLsn('0/3000028'),
      timeline: 1,
    });
    expect(parseTablespaceRow({ spcoid: null, spclocation: null, size: '23195' })).toEqual({
      oid: null,
      location: null,
      sizeKiB: 23195,
    });
    expect(parseTablespaceRow({ spcoid: 16385, spclocation: '/srv/ts1', size: null })).toEqual({
      oid: 16385,
      location: '/srv/ts1',
      sizeKiB: null,
    });
    expect(() => parseBackupPositionRow({ recptr: '0/3000028' })).toThrow(/tli/);
  });

  it('parses the end-of-timeline row of START_REPLICATION', () => {
    expect(parseTimelineSwitchRow({ next_tli: '2', next_tli_startpos: '0/5000000' })).toEqual({
      nextTimeline: 2,
      nextTimelineStart: parseLsn('0/5000000'),
    });
  });
});
