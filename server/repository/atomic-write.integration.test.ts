import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlreadyExistsError, writeFileAtomic } from './atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-atomic-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function* chunks(parts: string[], failAfter?: number): AsyncIterable<Uint8Array> {
  for (const [i, part] of parts.entries()) {
    await new Promise((resolve) => setImmediate(resolve)); // arrives later, like a socket
    if (i === failAfter) throw new Error('the source broke mid-stream');
    yield Buffer.from(part);
  }
}

describe('writeFileAtomic', () => {
  it('writes a buffer or a stream under its final name and leaves no temporary file', async () => {
    await writeFileAtomic(path.join(dir, 'a'), Buffer.from('hello'));
    await writeFileAtomic(path.join(dir, 'b'), chunks(['he', 'll', 'o']), { mode: 0o600 });
    expect(await readFile(path.join(dir, 'a'), 'utf8')).toBe('hello');
    expect(await readFile(path.join(dir, 'b'), 'utf8')).toBe('hello');
    expect((await stat(path.join(dir, 'b'))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(['a', 'b']);
  });

  it('leaves neither the file nor a temporary when the source fails', async () => {
    await expect(writeFileAtomic(path.join(dir, 'c'), chunks(['x', 'y', 'z'], 2))).rejects.toThrow(
      /mid-stream/,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('never replaces an existing file when asked not to overwrite, and keeps it intact', async () => {
    await writeFile(path.join(dir, 'seg'), 'original');
    await expect(
      writeFileAtomic(path.join(dir, 'seg'), Buffer.from('impostor'), { overwrite: false }),
    ).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(await readFile(path.join(dir, 'seg'), 'utf8')).toBe('original');
    expect(await readdir(dir)).toEqual(['seg']);
  });

  it('replaces an existing file by default, all at once', async () => {
    await writeFile(path.join(dir, 'state'), 'old');
    await writeFileAtomic(path.join(dir, 'state'), Buffer.from('new'));
    expect(await readFile(path.join(dir, 'state'), 'utf8')).toBe('new');
  });
});
