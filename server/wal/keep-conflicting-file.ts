import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../repository/atomic-write';
import { errorsDir } from './wal-layout';

/**
 * Saves a refused file under errors/ (Barman's convention: the "archiver errors" check fails
 * while anything is there) so a DBA can compare it with the stored one. Never overwrites.
 */
export async function keepConflictingFile(
  root: string,
  serverName: string,
  name: string,
  content: Buffer,
  now = new Date(),
): Promise<string> {
  const dir = errorsDir(root, serverName);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const target = path.join(dir, `${name}.${stamp}.${process.pid}.duplicate`);
  await writeFileAtomic(target, content, { overwrite: false, mode: 0o600 });
  return target;
}
