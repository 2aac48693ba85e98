import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupManifest } from '../repository/backup-manifest';
import { linkUnchangedFiles, withManifestChecksums } from './link-unchanged-files';
import type { StoredFile } from './stored-file-writer';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'cellar-link-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const sha = (c: string) => c.repeat(64);
const file = (p: string, size: number): StoredFile => ({ path: p, size, storedSize: size, sha256: null, reused: false });

async function put(dir: string, relative: string, content: string): Promise<string> {
  const target = path.join(dir, relative);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, content);
  return target;
}

describe('reuse_backup = link after the manifest', () => {
  it('takes checksums from the manifest, and none for WAL it does not list', () => {
    const manifest = { files: [{ path: 'base/1/1', size: 4, checksumAlgorithm: 'SHA256', checksum: sha('a') }] } as BackupManifest;
    expect(withManifestChecksums([file('base/1/1', 4), file('pg_wal/000000010000000000000002', 9)], manifest).map((f) => f.sha256)).toEqual([sha('a'), null]);
  });

  it('links what is unchanged, keeps what changed, and keeps the copy when linking fails', async () => {
    const previous = path.join(root, 'prev');
    const current = path.join(root, 'cur');
    const old = await put(previous, 'data/base/1/1.zst', 'old1');
    await put(previous, 'data/base/1/2.zst', 'old2');
    for (const n of ['1', '2', '3']) await put(current, `data/base/1/${n}.zst`, `new${n}`);
    const files = [
      { ...file('base/1/1', 4), sha256: sha('a') },
      { ...file('base/1/2', 4), sha256: sha('b') },
      { ...file('base/1/3', 4), sha256: sha('c') },
    ];
    const lookup = (p: string) =>
      ({
        'base/1/1': { size: 4, sha256: sha('a'), storedPath: old, storedSize: 2 },
        'base/1/2': { size: 4, sha256: sha('x'), storedPath: path.join(previous, 'data/base/1/2.zst'), storedSize: 2 },
        'base/1/3': { size: 4, sha256: sha('c'), storedPath: path.join(previous, 'gone.zst'), storedSize: 2 },
      })[p];
    const result = await linkUnchangedFiles(current, 'zstd', files, lookup);
    expect(result.map((f) => [f.path, f.reused, f.storedSize])).toEqual([
      ['base/1/1', true, 2],
      ['base/1/2', false, 4],
      ['base/1/3', false, 4],
    ]);
    expect((await stat(path.join(current, 'data/base/1/1.zst'))).ino).toBe((await stat(old)).ino);
    expect(await readFile(path.join(current, 'data/base/1/2.zst'), 'utf8')).toBe('new2');
    expect(await readFile(path.join(current, 'data/base/1/3.zst'), 'utf8')).toBe('new3');
  });
});
