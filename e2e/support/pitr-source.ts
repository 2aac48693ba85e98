import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';
import type { RecoveryWindowView } from '../../server/contracts/recovery';
import type { RunView } from '../../server/contracts/runs';
import { startPostgres, type PostgresServer } from '../../server/testing/postgres-server';

// A PostgreSQL 15 of the PITR spec's own that archives its WAL to the stack's Cellar through
// archive_command = bin/cellar-wal-archive.mjs with a WAL archive token, as a production host
// would. Started by the spec that needs it, so the shared stack starts no faster or slower.

const root = path.resolve(import.meta.dirname, '../..');
const origin = (baseURL: string) => ({ origin: baseURL });

export type PitrSource = { pg: PostgresServer; dir: string; stop(): Promise<void> };

export async function startPitrSource(request: APIRequestContext, baseURL: string, server: string): Promise<PitrSource> {
  // The server exists before PostgreSQL does: its token must be on disk before the first archive_command.
  const created = await request.post('/api/servers', { data: { name: server, conninfo: 'host=127.0.0.1 port=1 user=postgres', pushArchiver: true }, headers: origin(baseURL) });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const token = await request.post('/api/tokens', { data: { name: `${server} archive_command`, kind: 'wal_archive', serverId: id }, headers: origin(baseURL) });
  expect(token.status()).toBe(201);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-e2e-pitr-'));
  // PostgreSQL runs as an unprivileged account: it must read the token and reach what it restores into.
  await chmod(dir, 0o755);
  const tokenFile = path.join(dir, 'wal.token');
  await writeFile(tokenFile, `${((await token.json()) as { token: string }).token}\n`, { mode: 0o644 });
  const archiveCommand = [process.execPath, path.join(root, 'bin/cellar-wal-archive.mjs'), '--url', baseURL, '--server', server, '--token-file', tokenFile].map((a) => `'${a}'`).join(' ');
  const pg = await startPostgres({ major: 15, settings: { archive_mode: 'on', archive_command: `${archiveCommand} %p`, track_commit_timestamp: 'on', wal_keep_size: '256MB' } });
  const patched = await request.patch(`/api/servers/${server}`, { data: { conninfo: pg.conninfo() }, headers: origin(baseURL) });
  expect(patched.status()).toBe(200);
  return {
    pg,
    dir,
    async stop() {
      await pg.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function waitForRun(request: APIRequestContext, id: string, ms = 120_000): Promise<RunView> {
  for (const deadline = Date.now() + ms; ; await new Promise((resolve) => setTimeout(resolve, 500))) {
    const run = (await (await request.get(`/api/runs/${id}`)).json()) as RunView;
    if (['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status} after ${ms} ms`);
  }
}

/** Polls the recoverable window until `ready` holds (WAL archived and indexed). */
export async function waitForWindow(request: APIRequestContext, server: string, ready: (w: RecoveryWindowView) => boolean, ms = 60_000): Promise<RecoveryWindowView> {
  for (const deadline = Date.now() + ms; ; await new Promise((resolve) => setTimeout(resolve, 500))) {
    const window = (await (await request.get(`/api/servers/${server}/recovery/window`)).json()) as RecoveryWindowView;
    if (ready(window)) return window;
    if (Date.now() > deadline) throw new Error(`the recoverable window of ${server} did not get there: ${JSON.stringify(window)}`);
  }
}
