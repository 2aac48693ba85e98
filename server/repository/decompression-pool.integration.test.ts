import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressBlock, type Codec } from './codecs';
import { createDecompressionPool, type DecompressionPool } from './decompression-pool';
import { readStoredFileSync } from './stored-file-reader';

// The restore threads on real files: frames smaller than the reader's window, frames that
// straddle its refill point and one larger than the window itself, in every codec; checksums,
// an existing destination and a damaged file refused.

const codecs: Codec[] = ['none', 'gzip', 'lz4', 'zstd'];
const text = Buffer.from('PostgreSQL heap page '.repeat(50_000)); // ~1 MiB
const blocks = [text, randomBytes(3 * 1024 * 1024), Buffer.alloc(1024 * 1024), randomBytes(12 * 1024 * 1024), text.subarray(5), Buffer.alloc(0)];
const content = Buffer.concat(blocks);
const sha256 = createHash('sha256').update(content).digest('hex');

describe('decompression pool', () => {
  let dir: string;
  let pool: DecompressionPool;
  const storedFile = (codec: Codec) => path.join(dir, `stored-${codec}`);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-decompress-'));
    pool = createDecompressionPool(2);
    for (const codec of codecs) await writeFile(storedFile(codec), Buffer.concat(blocks.map((b) => compressBlock(codec, b))));
  });
  afterAll(async () => {
    await pool?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(codecs)('%s: writes the exact content, checked against its SHA-256', async (codec) => {
    const dest = path.join(dir, `out-${codec}`);
    expect(await pool.toFile(storedFile(codec), codec, dest, { sha256, mode: 0o640 })).toBe(content.length);
    expect((await readFile(dest)).equals(content)).toBe(true);
    expect(readStoredFileSync(storedFile(codec), codec).equals(content)).toBe(true);
  });

  it('writes files whose fsync runs in the background, and flush() waits for every one', async () => {
    const written = await Promise.all(codecs.map((codec) => pool.toFile(storedFile(codec), codec, path.join(dir, `deferred-${codec}`), { deferSync: true })));
    expect(written).toEqual(codecs.map(() => content.length));
    await pool.flush();
    for (const codec of codecs) expect((await readFile(path.join(dir, `deferred-${codec}`))).equals(content)).toBe(true);
    await pool.flush();
  });

  it.each(codecs)('%s: streams the exact content', async (codec) => {
    const parts: Buffer[] = [];
    for await (const chunk of pool.toStream(storedFile(codec), codec, { sha256 })) parts.push(chunk as Buffer);
    expect(Buffer.concat(parts).equals(content)).toBe(true);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(1024 * 1024);
  });

  it('refuses a checksum mismatch, an existing destination and a damaged file', async () => {
    await expect(pool.toFile(storedFile('zstd'), 'zstd', path.join(dir, 'mismatch'), { sha256: '0'.repeat(64) })).rejects.toThrow(/does not match its checksum: the stored file is damaged/);
    await writeFile(path.join(dir, 'exists'), 'x');
    await expect(pool.toFile(storedFile('lz4'), 'lz4', path.join(dir, 'exists'))).rejects.toThrow(/EEXIST/);
    const damaged = await readFile(storedFile('lz4'));
    damaged.writeUInt8(damaged.readUInt8(100) ^ 0xff, 100);
    await writeFile(path.join(dir, 'damaged.lz4'), damaged);
    await expect(pool.toFile(path.join(dir, 'damaged.lz4'), 'lz4', path.join(dir, 'damaged-out'))).rejects.toThrow(/lz4: /);
    const stream = pool.toStream(path.join(dir, 'damaged.lz4'), 'lz4');
    await expect((async () => { for await (const _ of stream) void _; })()).rejects.toThrow(/lz4: /);
    // The pool survives a failed file.
    expect(await pool.toFile(storedFile('gzip'), 'gzip', path.join(dir, 'after'))).toBe(content.length);
  });
});
