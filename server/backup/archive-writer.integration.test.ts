import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Codec } from '../repository/codecs';
import { readDecompressed } from '../repository/read-decompressed';
import { createCompressionPool, type CompressionPool } from '../repository/compression-pool';
import { endOfArchive, tarEntry } from '../repository/tar-builder';
import { ArchiveWriter } from './archive-writer';
import { storedFilePath } from './backup-layout';

// The archive writer on real files and real compression threads, with a budget far smaller
// than the archive: every block must be released once written, or the stream stalls for good.

const text = Buffer.from('PostgreSQL page with some repeated text '.repeat(100_000));
const files: [string, Buffer][] = [
  ['PG_VERSION', Buffer.from('18\n')],
  ['global/pg_control', randomBytes(8192)],
  ['base/5/16384', Buffer.concat([text, randomBytes(3 * 1024 * 1024), text])], // many blocks, some incompressible
  ['base/5/16384_fsm', Buffer.alloc(0)],
  ...Array.from({ length: 40 }, (_, i): [string, Buffer] => [`base/5/${20000 + i}`, randomBytes(100 + i * 97)]),
];
const archive = Buffer.concat([
  tarEntry({ path: 'base/', typeFlag: '5' }),
  tarEntry({ path: 'pg_notify/', typeFlag: '5' }),
  tarEntry({ path: 'pg_tblspc/16400', typeFlag: '2', linkname: '/srv/space' }),
  ...files.map(([p, body]) => tarEntry({ path: p, size: body.length }, body)),
  endOfArchive(),
]);

let root: string;
let pool: CompressionPool;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'cellar-archive-writer-'));
  pool = createCompressionPool(2);
});
afterAll(async () => {
  await pool.close();
  await rm(root, { recursive: true, force: true });
});

/** Feeds the archive in uneven chunks, as a socket would. */
async function feed(writer: ArchiveWriter, bytes: Buffer): Promise<void> {
  writer.beginArchive(null);
  for (let pos = 0, step = 1; pos < bytes.length; pos += step, step = (step * 7 + 13) % 70_000 || 1) await writer.write(bytes.subarray(pos, pos + step));
}

describe('ArchiveWriter', () => {
  it.each<Codec>(['zstd', 'gzip', 'lz4', 'none'])('stores every file (%s) under a tight budget, each decompressing to its bytes', async (codec) => {
    const dir = path.join(root, codec);
    const writer = new ArchiveWriter({ dir, codec, level: undefined, pool: codec === 'none' ? undefined : pool, blockSize: 256 * 1024, maxBufferedBytes: 1024 * 1024, maxOpenFiles: 3 });
    await feed(writer, archive);
    const contents = await writer.finish();
    expect(contents.links).toEqual([{ path: 'pg_tblspc/16400', target: '/srv/space' }]);
    expect(contents.files.map((f) => f.path).sort()).toEqual(files.map(([p]) => p).sort());
    for (const [p, body] of files) {
      const stored = contents.files.find((f) => f.path === p);
      expect(stored).toMatchObject({ size: body.length, sha256: null, reused: false });
      const file = path.join(dir, storedFilePath(p, codec));
      expect((await stat(file)).size).toBe(stored?.storedSize);
      expect((await readDecompressed(file, codec)).equals(body), p).toBe(true);
    }
    expect(await readdir(path.join(dir, 'data', 'pg_notify'))).toEqual([]);
  });

  it('fails the archive on the first file that cannot be written, and abort settles everything', async () => {
    const dir = path.join(root, 'blocked');
    // A directory where a file must go: open() fails whoever runs the test, root included.
    await mkdir(path.join(dir, 'data', 'base', '5', '20005.zst'), { recursive: true });
    const writer = new ArchiveWriter({ dir, codec: 'zstd', level: undefined, pool, maxBufferedBytes: 512 * 1024 });
    const failure = feed(writer, archive).then(() => writer.finish());
    await expect(failure).rejects.toThrow(/EEXIST|EISDIR/);
    await writer.abort(new Error('stop'));
    await expect(writer.finish()).rejects.toThrow();
  });
});
