import { createHash, type Hash } from 'node:crypto';

// File checksums as a backup_manifest records them (src/common/checksum_helper.c). The digest is
// written as lower-case hex of the raw result bytes; for CRC-32C those are the uint32 as it lies
// in memory on the server, which is little-endian on every platform PostgreSQL runs on today.

export const checksumAlgorithms = ['NONE', 'CRC32C', 'SHA224', 'SHA256', 'SHA384', 'SHA512'] as const;
export type ChecksumAlgorithm = (typeof checksumAlgorithms)[number];

/** Hex digits of each algorithm's checksum (0: NONE records no checksum). */
export const checksumHexLength: Record<ChecksumAlgorithm, number> = {
  NONE: 0,
  CRC32C: 8,
  SHA224: 56,
  SHA256: 64,
  SHA384: 96,
  SHA512: 128,
};

export type FileChecksum = {
  update(chunk: Uint8Array): void;
  /** Hex digest, or undefined for NONE; the checksum cannot be updated afterwards. */
  digest(): string | undefined;
};

export function createFileChecksum(algorithm: ChecksumAlgorithm): FileChecksum {
  switch (algorithm) {
    case 'NONE':
      return { update: () => undefined, digest: () => undefined };
    case 'CRC32C':
      return crc32cChecksum();
    default:
      return hashChecksum(createHash(algorithm.toLowerCase()));
  }
}

function hashChecksum(hash: Hash): FileChecksum {
  return { update: (chunk) => void hash.update(chunk), digest: () => hash.digest('hex') };
}

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), slicing-by-8 tables.
const crcTables = buildCrcTables();

function buildCrcTables(): Uint32Array[] {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  const first = tables[0] as Uint32Array;
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    first[n] = c >>> 0;
  }
  for (let t = 1; t < 8; t++) {
    const previous = tables[t - 1] as Uint32Array;
    const table = tables[t] as Uint32Array;
    for (let n = 0; n < 256; n++)
      table[n] = (first[(previous[n] as number) & 0xff] as number) ^ ((previous[n] as number) >>> 8);
  }
  return tables;
}

/** Updates a running CRC-32C (pre-inverted state, as INIT_CRC32C leaves it). */
export function crc32cUpdate(state: number, data: Uint8Array): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = crcTables as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  let crc = state >>> 0;
  let i = 0;
  const end8 = data.length - (data.length % 8);
  for (; i < end8; i += 8) {
    const a = (crc ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0;
    crc =
      t7[a & 0xff]! ^
      t6[(a >>> 8) & 0xff]! ^
      t5[(a >>> 16) & 0xff]! ^
      t4[a >>> 24]! ^
      t3[data[i + 4]!]! ^
      t2[data[i + 5]!]! ^
      t1[data[i + 6]!]! ^
      t0[data[i + 7]!]!;
  }
  for (; i < data.length; i++) crc = t0[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return crc >>> 0;
}

/** The standard CRC-32C of `data` (0xE3069283 for "123456789"). */
export function crc32c(data: Uint8Array): number {
  return (crc32cUpdate(0xffffffff, data) ^ 0xffffffff) >>> 0;
}

function crc32cChecksum(): FileChecksum {
  let state = 0xffffffff;
  return {
    update: (chunk) => void (state = crc32cUpdate(state, chunk)),
    digest: () => {
      const bytes = Buffer.alloc(4);
      bytes.writeUInt32LE((state ^ 0xffffffff) >>> 0);
      return bytes.toString('hex');
    },
  };
}
