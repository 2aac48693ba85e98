import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, statfs, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Fact, RepositoryFacts } from '../types';

/**
 * Barman's `directories` (create what is missing) plus what a full or read-only disk would
 * hide: a real write (temp file, fsync, unlink), the free space, identity.json and errors/.
 */
export async function probeRepository(root: string, serverName: string): Promise<Fact<RepositoryFacts>> {
  const path = join(root, serverName);
  try {
    const problem = await tryWrite(path);
    const [freeBytes, identity, errorFiles] = await Promise.all([
      freeSpace(path),
      readIdentity(path),
      listErrors(path),
    ]);
    return {
      ok: true,
      value: {
        path,
        problem,
        freeBytes,
        identitySystemId: identity.systemId,
        identityProblem: identity.problem,
        errorFiles,
      },
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

async function tryWrite(path: string): Promise<string | null> {
  const probe = join(path, `.cellar-check-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(path, { recursive: true });
    const handle = await open(probe, 'wx');
    try {
      await handle.writeFile('cellar check\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await unlink(probe);
    return null;
  } catch (error) {
    return fsProblem(error, path);
  }
}

async function freeSpace(path: string): Promise<number | null> {
  try {
    const stats = await statfs(path);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

async function readIdentity(path: string): Promise<{ systemId: string | null; problem: string | null }> {
  const file = join(path, 'identity.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { systemId: null, problem: null };
    return { systemId: null, problem: fsProblem(error, file) };
  }
  try {
    const parsed = JSON.parse(text) as { systemid?: unknown };
    if (typeof parsed.systemid === 'string' || typeof parsed.systemid === 'number')
      return { systemId: String(parsed.systemid), problem: null };
    return {
      systemId: null,
      problem: `${file} has no systemid: restore it from a backup's backup.json or remove it so it is written again`,
    };
  } catch {
    return {
      systemId: null,
      problem: `${file} is not valid JSON: restore it from a backup's backup.json or remove it so it is written again`,
    };
  }
}

async function listErrors(path: string): Promise<string[]> {
  try {
    return (await readdir(join(path, 'errors'))).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Barman's OSError wording: "<filename>: <strerror>". */
function fsProblem(error: unknown, fallbackPath: string): string {
  const err = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    EACCES: 'Permission denied',
    EPERM: 'Operation not permitted',
    EROFS: 'Read-only file system',
    ENOSPC: 'No space left on device',
    ENOTDIR: 'Not a directory',
    EEXIST: 'File exists',
  };
  const reason = (err.code && reasons[err.code]) ?? err.message;
  return `${err.path ?? fallbackPath}: ${reason}`;
}
