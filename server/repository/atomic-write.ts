import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open, link, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export class AlreadyExistsError extends Error {
  override name = 'AlreadyExistsError';
}

/**
 * Writes a file so that readers see either nothing or all of it, and it survives a crash once
 * this resolves: data goes to a temporary name in the same directory, is fsynced, then takes
 * its final name, and the directory is fsynced so the name itself is durable.
 *
 * With `overwrite: false` the final name is taken with link(2), which fails if it exists: a
 * stored file (a WAL segment, a manifest) can never be replaced by a racing writer.
 */
export async function writeFileAtomic(
  target: string,
  content: Uint8Array | AsyncIterable<Uint8Array>,
  options: { overwrite?: boolean; mode?: number } = {},
): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx', options.mode ?? 0o640);
  try {
    try {
      if (content instanceof Uint8Array) await handle.writeFile(content);
      else for await (const chunk of content) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite === false) {
      await link(temp, target).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'EEXIST'
          ? new AlreadyExistsError(`${target} already exists; it is never overwritten.`)
          : error;
      });
      await unlink(temp);
    } else {
      await rename(temp, target);
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(dir);
}

export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The same on the calling thread, for a caller whose every step is synchronous. */
export function fsyncDirectorySync(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
