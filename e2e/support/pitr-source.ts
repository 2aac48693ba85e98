import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';
import type { RecoveryWindowView } from '../../server/contracts/recovery';
import type { RunView } from '../../server/contracts/runs';
import {
  addMarker,
  markerIds,
  restorePoint,
  switchWal,
  type Marker,
} from '../../server/testing/pitr-workload';
import { startPostgres, type PostgresServer } from '../../server/testing/postgres-server';
import { walArchiveCommand } from './wal-archive-command';

// A PostgreSQL 15 of the PITR spec's own that archives its WAL to the stack's Cellar through
// archive_command = bin/cellar-wal-archive.mjs with a WAL archive token, as a production host
// would. Started by the spec that needs it, so the shared stack starts no faster or slower.

const origin = (baseURL: string) => ({ origin: baseURL });

export type PitrSource = { pg: PostgresServer; dir: string; stop(): Promise<void> };

export async function startPitrSource(
  request: APIRequestContext,
  baseURL: string,
  server: string,
): Promise<PitrSource> {
  // The server exists before PostgreSQL does: its token must be on disk before the first archive_command.
  const created = await request.post('/api/servers', {
    data: { name: server, conninfo: 'host=127.0.0.1 port=1 user=postgres', pushArchiver: true },
    headers: origin(baseURL),
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  // PostgreSQL runs as an unprivileged account: it must read the token and reach what it restores into.
  const { dir, command: archiveCommand } = await walArchiveCommand(request, baseURL, { name: server, id });
  const pg = await startPostgres({
    major: 15,
    settings: {
      archive_mode: 'on',
      archive_command: `${archiveCommand} %p`,
      track_commit_timestamp: 'on',
      wal_keep_size: '256MB',
    },
  });
  const patched = await request.patch(`/api/servers/${server}`, {
    data: { conninfo: pg.conninfo() },
    headers: origin(baseURL),
  });
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
export async function waitForWindow(
  request: APIRequestContext,
  server: string,
  ready: (w: RecoveryWindowView) => boolean,
  ms = 60_000,
): Promise<RecoveryWindowView> {
  for (const deadline = Date.now() + ms; ; await new Promise((resolve) => setTimeout(resolve, 500))) {
    const window = (await (
      await request.get(`/api/servers/${server}/recovery/window`)
    ).json()) as RecoveryWindowView;
    if (ready(window)) return window;
    if (Date.now() > deadline)
      throw new Error(`the recoverable window of ${server} did not get there: ${JSON.stringify(window)}`);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The history the PITR spec restores into: marker 0, a backup, markers 1 to 3 two seconds apart
 * (a time between two is unambiguous, typed or picked), restore point "after-3", marker 4, all
 * archived and indexed. Also an operator API token file for the `cellar` command line.
 */
export async function preparePitrHistory(request: APIRequestContext, baseURL: string, server: string) {
  const source = await startPitrSource(request, baseURL, server);
  const token = await request.post('/api/tokens', {
    data: { name: `${server} e2e cli`, role: 'operator' },
    headers: origin(baseURL),
  });
  const tokenFile = path.join(source.dir, 'api.token');
  await writeFile(tokenFile, `${((await token.json()) as { token: string }).token}\n`, { mode: 0o600 });
  const pg = source.pg;
  const markers: Marker[] = [];
  await pg.query('CREATE TABLE markers (id int PRIMARY KEY, note text)');
  markers[0] = await addMarker(pg, 0, 'before the backup');
  const backup = await request.post(`/api/servers/${server}/backups`, { data: {}, headers: origin(baseURL) });
  expect(backup.status()).toBe(202);
  const done = await waitForRun(request, ((await backup.json()) as { run: RunView }).run.id);
  expect(done.error).toBeNull();
  await switchWal(pg);
  for (const id of [1, 2, 3]) {
    await pause(2_000);
    markers[id] = await addMarker(pg, id, `marker ${id}`);
  }
  await restorePoint(pg, 'after-3');
  markers[4] = await addMarker(pg, 4, 'marker 4');
  await switchWal(pg);
  await switchWal(pg);
  const last = Date.parse(markers[4]?.time ?? '');
  await waitForWindow(request, server, (w) => {
    const range = w.timelines[0]?.ranges[0];
    return Boolean(
      range?.latestTime &&
      Date.parse(range.latestTime) >= last - 1 &&
      w.timelines[0]?.restorePoints.some((p) => p.name === 'after-3'),
    );
  });
  return { source, backupId: (done.result as { backupId: string }).backupId, markers, tokenFile };
}

/** Starts PostgreSQL on a restored directory, waits until recovery has promoted, returns the marker ids. */
export async function restoredMarkers(dataDir: string, started: PostgresServer[]): Promise<number[]> {
  const pg = await startPostgres({ major: 15, dataDir });
  started.push(pg);
  for (let i = 0; (await pg.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]?.r; i++) {
    if (i > 300) throw new Error(`recovery did not end:\n${await pg.logTail()}`);
    await pause(100);
  }
  return markerIds(pg);
}
