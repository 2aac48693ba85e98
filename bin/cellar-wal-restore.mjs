#!/usr/bin/env node
// restore_command = 'cellar-wal-restore --url https://cellar:7480 --server db1 --token-file /etc/cellar/db1.token %f %p'
// Fetches one WAL file from Cellar into %p, and the next --prefetch segments in parallel into a
// spool directory, from which the following calls are served without a round trip. Exits 1 when
// the file is not in the archive (PostgreSQL then ends recovery or tries the next timeline).
// --partial 1: a segment the archive lacks is served from its <segment>.partial when there is one
// (the last segment of a timeline a promotion ended), as Barman's get-wal --partial does.
import { copyFile, mkdir, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { errorText, main, nextSegments, parseArgs, readToken, request, sha256, UsageError, walUrl } from './cellar-wal-client.mjs';

const usage = 'cellar-wal-restore --url URL --server NAME --token-file FILE [--prefetch N] [--partial 0|1] [--spool-dir DIR] [--segment-size BYTES] [--timeout SECONDS] WAL_NAME DEST_PATH';

async function fetchWal(options, token, name) {
  const url = `${walUrl(options, name)}${options.partial === '1' ? '?partial=1' : ''}`;
  const response = await request(url, { headers: { authorization: `Bearer ${token}` } }, Number(options.timeout ?? 60));
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${name}: ${await errorText(response)}`);
  const content = Buffer.from(await response.arrayBuffer());
  if (sha256(content) !== response.headers.get('x-cellar-sha256')) throw new Error(`${name} arrived damaged (checksum mismatch)`);
  return content;
}

/** Written under a temporary name and renamed, so a spooled or restored file is never half there. */
async function writeWhole(target, content) {
  const temp = `${target}.cellar-tmp-${process.pid}`;
  await writeFile(temp, content, { mode: 0o600 });
  await rename(temp, target);
}

async function moveInto(source, target) {
  try {
    await rename(source, target);
  } catch (error) {
    if (error.code !== 'EXDEV') throw error;
    await copyFile(source, target);
    await unlink(source);
  }
}

await main('cellar-wal-restore', usage, async (argv) => {
  const { options, positional } = parseArgs(argv, ['url', 'server', 'token-file', 'prefetch', 'partial', 'spool-dir', 'segment-size', 'timeout']);
  if (options.partial !== undefined && !['0', '1'].includes(options.partial)) throw new UsageError('--partial takes 0 or 1');
  if (positional.length !== 2) throw new UsageError('give the WAL file name (%f) and the destination path (%p)');
  const [name, dest] = positional;
  const token = readToken(options['token-file']);
  const prefetch = Number(options.prefetch ?? 4);
  const spool = options['spool-dir'] ?? path.join(os.tmpdir(), `cellar-wal-spool-${options.server}`);
  await mkdir(spool, { recursive: true, mode: 0o700 });
  const spooled = path.join(spool, name);
  let found = true;
  try {
    await moveInto(spooled, dest);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    const content = await fetchWal(options, token, name);
    if (content) await writeWhole(dest, content);
    else found = false;
  }
  if (found && prefetch > 0) {
    const present = new Set(await readdir(spool));
    const wanted = nextSegments(name, prefetch, Number(options['segment-size'] ?? 16 * 1024 * 1024)).filter((n) => !present.has(n));
    // Prefetch failures only cost a round trip later: the file is fetched again when asked for.
    await Promise.allSettled(
      wanted.map(async (next) => {
        const content = await fetchWal(options, token, next);
        if (content) await writeWhole(path.join(spool, next), content);
      }),
    );
  }
  if (!found) {
    process.stderr.write(`cellar-wal-restore: ${name} is not in the archive of ${options.server}\n`);
    return 1;
  }
  return 0;
});
