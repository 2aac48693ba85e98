import { blockSize, paddingAfter } from './tar-header';

// Builds tar bytes in memory for tests: every header variant the reader must understand (ustar
// prefix, GNU long names, pax records, base-256 sizes), byte by byte. Not used to write backups.

export type HeaderSpec = {
  path: string | Buffer;
  typeFlag?: string;
  size?: number;
  mode?: number;
  mtime?: number;
  linkname?: string;
  /** ustar prefix field (POSIX magic only). */
  prefix?: string;
  magic?: 'posix' | 'gnu' | 'v7';
  /** Base-256 writes the size in binary, as tar and PostgreSQL do from 8 GiB on. */
  sizeEncoding?: 'octal' | 'base256';
  /** Added to the correct checksum, to forge a corrupt header. */
  checksumError?: number;
};

function writeOctal(block: Buffer, value: number, start: number, length: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, start, length, 'latin1');
}

function writeBase256(block: Buffer, value: number, start: number, length: number): void {
  let rest = BigInt(value);
  for (let i = start + length - 1; i > start; i--) {
    block[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  block[start] = 0x80;
}

export function tarHeader(spec: HeaderSpec): Buffer {
  const block = Buffer.alloc(blockSize);
  const path = typeof spec.path === 'string' ? Buffer.from(spec.path) : spec.path;
  path.copy(block, 0, 0, Math.min(path.length, 100));
  writeOctal(block, spec.mode ?? 0o644, 100, 8);
  writeOctal(block, 1000, 108, 8);
  writeOctal(block, 1000, 116, 8);
  if (spec.sizeEncoding === 'base256') writeBase256(block, spec.size ?? 0, 124, 12);
  else writeOctal(block, spec.size ?? 0, 124, 12);
  writeOctal(block, spec.mtime ?? 1_700_000_000, 136, 12);
  block.write(spec.typeFlag ?? '0', 156, 1, 'latin1');
  block.write(spec.linkname ?? '', 157, 100, 'utf8');
  const magic = spec.magic ?? 'posix';
  if (magic === 'posix') block.write('ustar\u000000', 257, 8, 'latin1');
  if (magic === 'gnu') block.write('ustar  \u0000', 257, 8, 'latin1');
  if (magic !== 'v7') {
    block.write('postgres', 265, 32, 'latin1');
    block.write('postgres', 297, 32, 'latin1');
  }
  if (spec.prefix) block.write(spec.prefix, 345, 155, 'utf8');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${(sum + (spec.checksumError ?? 0)).toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return block;
}

export function tarPadding(size: number): Buffer {
  return Buffer.alloc(paddingAfter(size));
}

/** Header, body and padding of one entry. */
export function tarEntry(spec: HeaderSpec, body: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([tarHeader({ size: body.length, ...spec }), body, tarPadding(body.length)]);
}

/** A pax record: the decimal length counts itself, the space, key=value and the newline. */
export function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(rest) + 1;
  while (String(length).length + Buffer.byteLength(rest) !== length) length++;
  return `${length}${rest}`;
}

export function paxEntry(records: Record<string, string>, typeFlag: 'x' | 'g' = 'x'): Buffer {
  const body = Buffer.from(
    Object.entries(records)
      .map(([key, value]) => paxRecord(key, value))
      .join(''),
  );
  return tarEntry({ path: 'PaxHeaders/entry', typeFlag }, body);
}

export function gnuLongEntry(name: string, typeFlag: 'L' | 'K'): Buffer {
  return tarEntry({ path: '././@LongLink', typeFlag, magic: 'gnu', mode: 0 }, Buffer.from(`${name}\0`));
}

export function endOfArchive(): Buffer {
  return Buffer.alloc(2 * blockSize);
}
