import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';

const archiveCli = path.resolve(import.meta.dirname, '../..', 'bin/cellar-wal-archive.mjs');

/**
 * A WAL archive token of the server, in a fresh directory that PostgreSQL's unprivileged account
 * can read (and restore into), and the archive_command that pushes through
 * bin/cellar-wal-archive.mjs with it, as a production host would run it (append `%p`).
 */
export async function walArchiveCommand(
  request: APIRequestContext,
  baseURL: string,
  server: { name: string; id: string },
): Promise<{ dir: string; command: string }> {
  const token = await request.post('/api/tokens', {
    data: { name: `${server.name} archive_command`, kind: 'wal_archive', serverId: server.id },
    headers: { origin: baseURL },
  });
  expect(token.status()).toBe(201);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-e2e-wal-'));
  await chmod(dir, 0o755);
  const tokenFile = path.join(dir, 'wal.token');
  await writeFile(tokenFile, `${((await token.json()) as { token: string }).token}\n`, { mode: 0o644 });
  const command = [
    process.execPath,
    archiveCli,
    '--url',
    baseURL,
    '--server',
    server.name,
    '--token-file',
    tokenFile,
  ]
    .map((a) => `'${a}'`)
    .join(' ');
  return { dir, command };
}
