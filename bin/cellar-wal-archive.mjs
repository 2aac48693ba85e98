#!/usr/bin/env node
// archive_command = 'cellar-wal-archive --url https://cellar:7480 --server db1 --token-file /etc/cellar/db1.token %p'
// Sends one WAL file to Cellar with its SHA-256 and exits 0 only once Cellar has stored it
// durably (or already holds the identical file). Any other outcome exits non-zero, so
// PostgreSQL keeps the file and retries.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorText, main, parseArgs, readToken, request, sha256, UsageError, walUrl } from './cellar-wal-client.mjs';

const usage = 'cellar-wal-archive --url URL --server NAME --token-file FILE [--timeout SECONDS] WAL_PATH';

await main('cellar-wal-archive', usage, async (argv) => {
  const { options, positional } = parseArgs(argv, ['url', 'server', 'token-file', 'timeout']);
  if (positional.length !== 1) throw new UsageError('give exactly one WAL file path (%p)');
  const file = positional[0];
  const content = await readFile(file);
  const response = await request(
    walUrl(options, path.basename(file)),
    {
      method: 'PUT',
      body: content,
      headers: { authorization: `Bearer ${readToken(options['token-file'])}`, 'content-type': 'application/octet-stream', 'x-cellar-sha256': sha256(content) },
    },
    Number(options.timeout ?? 60),
  );
  if (response.status === 201 || response.status === 200) return 0;
  throw new Error(`${path.basename(file)} was not archived: ${await errorText(response)}`);
});
