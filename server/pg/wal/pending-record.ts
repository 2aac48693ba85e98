import { crc32cFinish, crc32cInit, crc32cRange, crc32cSourceRange, type CrcSource } from './crc32c';
import { recordCrcOffset, recordHeaderSize } from './wal-format';

// A record that does not fit on the rest of its page continues on the next page(s), after each
// page's header, possibly in the next segment. It is checked without reassembling it: the CRC
// runs over each piece as it arrives (the body first, then the header, as PostgreSQL computes
// it). Only records whose body the reader decodes (commits, aborts, restore points) keep their
// pieces, to join them at the end.

export class PendingRecord {
  /** The record's start LSN as two 32-bit halves (cheaper than a bigint per record). */
  lsnHigh = 0;
  lsnLow = 0;
  totalLength = 0;
  /** Record bytes seen so far, header included. */
  got = 0;
  /** Whether the CRC is being computed: always, or only for records whose body is kept. */
  verifiesCrc = false;
  private readonly header = Buffer.alloc(recordHeaderSize);
  private crc = crc32cInit;
  private pieces: Uint8Array[] | undefined;
  private keep: ((header: Buffer) => boolean) | undefined;
  private verify: 'always' | 'if-kept' = 'always';

  /** (Re)starts with a new record: one object serves many records, a page apart. */
  begin(
    lsnHigh: number,
    lsnLow: number,
    totalLength: number,
    keepBody: ((header: Buffer) => boolean) | undefined,
    verify: 'always' | 'if-kept',
  ): this {
    this.lsnHigh = lsnHigh;
    this.lsnLow = lsnLow;
    this.totalLength = totalLength;
    this.got = 0;
    this.crc = crc32cInit;
    this.pieces = undefined;
    this.keep = keepBody;
    this.verify = verify;
    this.verifiesCrc = verify === 'always';
    return this;
  }

  get headerComplete(): boolean {
    return this.got >= recordHeaderSize;
  }

  get complete(): boolean {
    return this.got === this.totalLength;
  }

  get remaining(): number {
    return this.totalLength - this.got;
  }

  /** The header, once complete (the first 24 bytes of the record). */
  get headerBytes(): Buffer {
    return this.header;
  }

  /** Takes the next `length` bytes of the record from `source` at `offset` (never more than remain). */
  add(source: CrcSource, offset: number, length: number): void {
    let start = offset;
    const end = offset + length;
    if (this.got < recordHeaderSize) {
      const headerPart = Math.min(recordHeaderSize - this.got, length);
      const bytes = source.bytes;
      for (let i = 0; i < headerPart; i++) this.header[this.got + i] = bytes[start + i]!;
      this.got += headerPart;
      start += headerPart;
      if (this.got === recordHeaderSize && this.keep) {
        const kept = this.keep(this.header);
        this.pieces = kept ? [] : undefined;
        this.verifiesCrc ||= kept;
        this.keep = undefined;
      }
    }
    if (start === end) return;
    if (this.verifiesCrc) this.crc = crc32cSourceRange(this.crc, source, start, end);
    this.pieces?.push(source.bytes.subarray(start, end));
    this.got += end - start;
  }

  /** Whether xl_crc matches; only meaningful once complete. */
  crcMatches(): boolean {
    const state = crc32cRange(this.crc, this.header, 0, recordCrcOffset);
    return crc32cFinish(state) === this.header.readUInt32LE(recordCrcOffset);
  }

  /** The whole record in one buffer, for decoding its body; undefined when the body was not kept. */
  assemble(): Buffer | undefined {
    if (!this.pieces) return undefined;
    return Buffer.concat([this.header, ...this.pieces], this.totalLength);
  }

  /** An independent copy, to read the same continuation again (see WalIndexer's CRC re-check). */
  clone(): PendingRecord {
    const copy = new PendingRecord().begin(
      this.lsnHigh,
      this.lsnLow,
      this.totalLength,
      this.keep,
      this.verify,
    );
    copy.got = this.got;
    this.header.copy(copy.header);
    copy.crc = this.crc;
    copy.pieces = this.pieces?.slice();
    copy.verifiesCrc = this.verifiesCrc;
    return copy;
  }

  /**
   * Copies the kept pieces out of the segment buffer they point into, before the record moves on
   * to the next segment: the caller may reuse or free a segment's buffer once it was read.
   */
  detach(): void {
    if (this.pieces) this.pieces = [Buffer.concat(this.pieces)];
  }
}
