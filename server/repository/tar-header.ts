// Decoding of one 512-byte tar header block and of pax extended-header records (POSIX.1-2001
// "pax interchange format", with the GNU extensions PostgreSQL and GNU tar emit).

export const blockSize = 512;

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export class TarError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} (archive offset ${offset})`);
    this.name = 'TarError';
    this.offset = offset;
  }
}

/** What a header block says, before pax or GNU long-name records override it. */
export type RawHeader = {
  typeFlag: string;
  pathBytes: Buffer;
  linkBytes: Buffer;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtimeSeconds: number;
  uname: string;
  gname: string;
};

export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < blockSize; i++) if (block[i] !== 0) return false;
  return true;
}

// The checksum is the sum of the header bytes with the checksum field itself read as 8 spaces.
// Old tars summed signed chars; both sums are accepted, as GNU tar does.
function checksums(block: Buffer): { unsigned: number; signed: number } {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < blockSize; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte >= 0x80 ? byte - 0x100 : byte;
  }
  return { unsigned, signed };
}

function field(block: Buffer, start: number, length: number): Buffer {
  const raw = block.subarray(start, start + length);
  const nul = raw.indexOf(0);
  return nul < 0 ? raw : raw.subarray(0, nul);
}

/**
 * A numeric field: octal digits (leading spaces allowed, ended by NUL or space), or GNU base-256
 * when the high bit of the first byte is set (how sizes of 8 GiB and more are written, and how
 * PostgreSQL writes them). Negative base-256 values (first byte 0xff) are two's complement.
 */
export function parseNumericField(raw: Buffer, name: string, offset: number): number {
  const first = raw[0] ?? 0;
  if (first & 0x80) {
    let value = BigInt(first & 0x7f);
    for (let i = 1; i < raw.length; i++) value = (value << 8n) | BigInt(raw[i] ?? 0);
    if (first === 0xff) value -= 1n << BigInt(raw.length * 8 - 1);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      throw new TarError(`Header field ${name} is too large`, offset);
    return Number(value);
  }
  let i = 0;
  while (i < raw.length && raw[i] === 0x20) i++;
  let value = 0;
  let digits = 0;
  for (; i < raw.length; i++) {
    const byte = raw[i] ?? 0;
    if (byte < 0x30 || byte > 0x37) break;
    value = value * 8 + (byte - 0x30);
    digits++;
  }
  for (; i < raw.length; i++) {
    if (raw[i] !== 0 && raw[i] !== 0x20)
      throw new TarError(`Header field ${name} is not an octal number`, offset);
  }
  return digits === 0 ? 0 : value;
}

/** Decodes a header block; throws TarError when its checksum does not match. */
export function decodeHeader(block: Buffer, offset: number): RawHeader {
  const { unsigned, signed } = checksums(block);
  let stored = -1;
  try {
    stored = parseNumericField(block.subarray(148, 156), 'chksum', offset);
  } catch {
    // Not even a number where the checksum belongs: reported as a mismatch below.
  }
  if (stored !== unsigned && stored !== signed) {
    throw new TarError(
      `Tar header checksum mismatch: stored ${stored < 0 ? 'unreadable' : stored}, computed ${unsigned}; the archive is corrupt or this is not a tar header`,
      offset,
    );
  }
  const magic = block.toString('latin1', 257, 263);
  const name = field(block, 0, 100);
  // Only POSIX ustar ("ustar\0") has a prefix field; GNU ("ustar  \0") keeps other data there.
  const prefix = magic === 'ustar\0' ? field(block, 345, 155) : Buffer.alloc(0);
  const typeByte = block[156] ?? 0;
  return {
    typeFlag: typeByte === 0 ? '0' : String.fromCharCode(typeByte),
    pathBytes: prefix.length > 0 ? Buffer.concat([prefix, Buffer.from('/'), name]) : Buffer.from(name),
    linkBytes: Buffer.from(field(block, 157, 100)),
    mode: parseNumericField(block.subarray(100, 108), 'mode', offset) & 0o7777,
    uid: parseNumericField(block.subarray(108, 116), 'uid', offset),
    gid: parseNumericField(block.subarray(116, 124), 'gid', offset),
    size: parseNumericField(block.subarray(124, 136), 'size', offset),
    mtimeSeconds: parseNumericField(block.subarray(136, 148), 'mtime', offset),
    uname: field(block, 265, 32).toString('utf8'),
    gname: field(block, 297, 32).toString('utf8'),
  };
}

export function entryTypeOf(typeFlag: string, pathBytes: Buffer): TarEntryType {
  switch (typeFlag) {
    case '0':
    case '7':
      // Pre-POSIX archives mark directories only by a trailing slash on a regular-file entry.
      return pathBytes.at(-1) === 0x2f ? 'directory' : 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '5':
      return 'directory';
    default:
      return 'other';
  }
}

/** Links, devices and FIFOs have no data blocks whatever the size field says (ustar rule). */
export function hasBody(typeFlag: string): boolean {
  return !['1', '2', '3', '4', '6'].includes(typeFlag);
}

export function paddingAfter(size: number): number {
  return (blockSize - (size % blockSize)) % blockSize;
}

/** Pax records are `<length> <key>=<value>\n`, the length counting the whole record. */
export function parsePaxRecords(body: Buffer, offset: number): Map<string, Buffer> {
  const records = new Map<string, Buffer>();
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(0x20, pos);
    const lengthText = space < 0 ? '' : body.toString('latin1', pos, space);
    const length = /^[1-9]\d{0,8}$/.test(lengthText) ? Number(lengthText) : NaN;
    const end = pos + length;
    if (!Number.isFinite(length) || end > body.length || body[end - 1] !== 0x0a) {
      // Some writers pad the extended header with NULs; anything else is corruption.
      if (body.subarray(pos).every((byte) => byte === 0)) break;
      throw new TarError('Malformed pax extended header record', offset);
    }
    const equals = body.indexOf(0x3d, space + 1);
    if (equals < 0 || equals >= end) throw new TarError('Pax extended header record without "="', offset);
    records.set(body.toString('utf8', space + 1, equals), Buffer.from(body.subarray(equals + 1, end - 1)));
    pos = end;
  }
  return records;
}

export function paxNumber(value: Buffer, key: string, offset: number): number {
  const text = value.toString('latin1');
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new TarError(`Pax ${key} "${text}" is not a number`, offset);
  const number = Number(text);
  if (!Number.isFinite(number) || Math.abs(number) > Number.MAX_SAFE_INTEGER)
    throw new TarError(`Pax ${key} is out of range`, offset);
  return number;
}

/** A GNU long name ('L') or long link ('K') body: the name, NUL-terminated. */
export function gnuLongName(body: Buffer): Buffer {
  const nul = body.indexOf(0);
  return Buffer.from(nul < 0 ? body : body.subarray(0, nul));
}
