import { mkdir, readdir, readFile, rm, symlink, unlink } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../repository/atomic-write';
import type { DecompressionPool } from '../../repository/decompression-pool';
import type { Destination } from './destination';

/**
 * A destination on the Cellar host: files decompressed by the pool's threads straight into place,
 * each fsynced in the background (flush() waits for them), so a thread never idles on the disk.
 */
export function localDestination(pool: DecompressionPool): Destination {
  return {
    label: (dir) => dir,
    async list(dir) {
      try {
        return await readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async clear(dir) {
      for (const entry of await readdir(dir)) await rm(path.join(dir, entry), { recursive: true, force: true });
    },
    async mkdir(dir) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
    },
    restore: (src, codec, dest, options = {}) => pool.toFile(src, codec, dest, { fsync: true, deferSync: true, ...options }),
    flush: () => pool.flush(),
    async write(dest, data, mode = 0o600) {
      await writeFileAtomic(dest, data, { mode, overwrite: true });
    },
    async read(file) {
      try {
        return await readFile(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(file) {
      await unlink(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    },
    async symlink(target, link) {
      await symlink(target, link);
    },
    // Each thread keeps two files in flight, so reads and writes overlap the decompression.
    lanes: pool.threads * 2,
    async close() {},
  };
}
