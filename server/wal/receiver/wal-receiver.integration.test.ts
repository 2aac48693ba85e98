import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingMajorReason, pgBinDir, supportedMajors } from '../../local/postgres-binaries';
import { useBackupFixture } from '../../testing/backup-fixture';
import { startPostgres, type PostgresServer } from '../../testing/postgres-server';
import { spawnReceiver, type ReceiverProcess } from '../../testing/receiver-process';
import { compareArchiveWithPgWal } from '../../testing/wal-archive-compare';
import { parseLsn } from '../../pg/lsn';
import { findWalGaps } from '../find-wal-gaps';
import { streamingDir } from '../wal-layout';

// The real receiver process against a real PostgreSQL under pgbench, with the faults a receiver
// meets in production at random moments: its process SIGKILLed, its replication connection
// terminated by the server, PostgreSQL restarted. Whatever happens, the archive ends with no gap
// and every segment byte-identical to the server's own copy in pg_wal.

const run = promisify(execFile);
const pgbenchBin = path.join(pgBinDir(15), 'pgbench');

describe.each(supportedMajors)('WAL receiver on PostgreSQL %i', (major) => {
  const missing = missingMajorReason(major) ?? missingMajorReason(15);
  const fx = useBackupFixture();
  let pgServer: PostgresServer;
  let server: { id: string; name: string };
  let logDir: string;
  const receivers: ReceiverProcess[] = [];

  const spawn = () => {
    const receiver = spawnReceiver({ catalogUrl: fx.catalog.url, root: fx.root, masterKey: fx.masterKey, logFile: path.join(logDir, 'receiver.log') });
    receivers.push(receiver);
    return receiver;
  };
  const pgbench = (args: string[]) => run(pgbenchBin, ['-h', '127.0.0.1', '-p', String(pgServer.port), '-U', 'postgres', ...args, 'postgres'], { maxBuffer: 16 * 1024 * 1024 });
  const walSenders = async () => (await pgServer.query<{ pid: number }>("SELECT pid FROM pg_stat_replication WHERE application_name = 'cellar_receive_wal'")).rows;
  const waitUntil = async (what: string, ok: () => Promise<boolean>, ms = 60_000) => {
    for (const deadline = Date.now() + ms; !(await ok().catch(() => false)); await sleep(200))
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  };
  const archived = (name: string) => fx.ctx.db.walSegment.findUnique({ where: { serverId_name: { serverId: server.id, name } } });
  /** Closes the current segment (writing first, so there is one) and waits until it is archived. */
  const switchAndWait = async () => {
    await pgServer.query('CREATE TABLE IF NOT EXISTS ticks (at timestamptz); INSERT INTO ticks VALUES (now())');
    const closed = (await pgServer.query<{ name: string }>('SELECT pg_walfile_name(pg_switch_wal()) AS name')).rows[0]?.name ?? '';
    await waitUntil(`${closed} in the archive`, async () => (await archived(closed)) !== null, 90_000);
    return closed;
  };
  const expectWholeArchive = async () => {
    expect(await findWalGaps(fx.ctx.db, server.id)).toEqual([]);
    const comparison = await compareArchiveWithPgWal(fx.ctx.db, fx.root, server, path.join(pgServer.dataDir, 'pg_wal'));
    expect(comparison.notOnServer).toEqual([]);
    expect(comparison.different).toEqual([]);
    return comparison.compared;
  };

  beforeAll(async () => {
    if (missing) return;
    logDir = await mkdtemp(path.join(os.tmpdir(), 'cellar-receiver-log-'));
    // Every segment stays in pg_wal for the comparison at the end.
    pgServer = await startPostgres({ major, settings: { wal_keep_size: '2GB', max_wal_size: '2GB', wal_sender_timeout: '20s', synchronous_commit: false } });
    server = await fx.addServer(pgServer, { streamingArchiver: true, slotName: 'cellar', createSlot: true, walCompression: 'lz4' });
    await pgbench(['-i', '-s', '2', '-q']);
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.kill()));
    await pgServer?.destroy();
    if (logDir && !process.env.KEEP_LOGS) await rm(logDir, { recursive: true, force: true });
  });

  it.skipIf(missing)('archives every segment whole through receiver kills, dropped connections and PostgreSQL restarts under pgbench', async () => {
    let receiver = spawn();
    await waitUntil('the receiver streaming', async () => (await walSenders()).length === 1);
    const faults = ['kill the receiver', 'terminate its connection', 'restart PostgreSQL', 'kill the receiver', 'terminate its connection', 'kill the receiver'].sort(() => Math.random() - 0.5);
    for (const fault of faults) {
      // PostgreSQL restarts between two pgbench runs (pgbench gives up on a lost connection);
      // the other faults strike in the middle of one.
      // pgbench, and a bulk insert for a few segments' worth of WAL in every round.
      const load = Promise.all([pgbench(['-c', '4', '-j', '2', '-T', '4', '-n']), pgServer.query("CREATE TABLE IF NOT EXISTS filler (n int, pad text); INSERT INTO filler SELECT g, repeat('x', 200) FROM generate_series(1, 100000) g")]);
      if (fault !== 'restart PostgreSQL') await sleep(500 + Math.random() * 3000);
      else await load;
      if (fault === 'kill the receiver') {
        await receiver.kill();
        receiver = spawn();
      } else if (fault === 'terminate its connection') {
        await pgServer.query("SELECT pg_terminate_backend(pid) FROM pg_stat_replication WHERE application_name = 'cellar_receive_wal'");
      } else {
        await pgServer.restart();
      }
      await load;
    }
    await switchAndWait();
    const compared = await expectWholeArchive();
    // Every round wrote more than a segment's worth (the insert alone is about 25 MB, pgbench
    // adds what a loaded machine lets it); each one went through the receiver.
    expect(compared.length).toBeGreaterThanOrEqual(faults.length);
    const row = await fx.ctx.db.walReceiver.findUniqueOrThrow({ where: { serverId: server.id } });
    expect(row).toMatchObject({ state: 'running', ownerPid: receiver.pid, slotName: 'cellar', timeline: 1 });
    // Something in the next segment, flushed before the receiver stops.
    await pgServer.query('INSERT INTO ticks VALUES (now())');
    const current = (await pgServer.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]?.lsn ?? '';
    await waitUntil('the new WAL flushed', async () => {
      const state = await fx.ctx.db.walReceiver.findUniqueOrThrow({ where: { serverId: server.id } });
      return parseLsn(state.flushedLsn ?? '0/0') >= parseLsn(current) && state.lagBytes === 0n;
    });
    await receiver.stop();
    expect((await fx.ctx.db.walReceiver.findUniqueOrThrow({ where: { serverId: server.id } })).state).toBe('stopped');
    // The segment in progress stays as .partial, for the next start to resume.
    const left = await readdir(streamingDir(fx.root, server.name));
    expect(left.filter((f) => f.endsWith('.partial')), `${current}: ${left.join(', ')}`).toHaveLength(1);
    // Six rounds of load and faults, each followed by a reconnect: about 45 s on an idle machine.
  }, 150_000);

  it.skipIf(missing)('streams from one of two receiver processes only; the other takes over when it dies', async () => {
    // Whatever the previous test left running must not hold the lock.
    await Promise.all(receivers.splice(0).map((r) => r.kill()));
    const pair = [spawn(), spawn()];
    await waitUntil('one of them streaming', async () => {
      const row = await fx.ctx.db.walReceiver.findUniqueOrThrow({ where: { serverId: server.id } });
      return pair.some((r) => r.pid === row.ownerPid) && row.state === 'running' && (await walSenders()).length === 1;
    });
    // Both keep trying for the lock; never do both stream.
    for (let i = 0; i < 25; i++) {
      expect((await walSenders()).length).toBeLessThanOrEqual(1);
      await sleep(200);
    }
    const ownerPid = (await fx.ctx.db.walReceiver.findUniqueOrThrow({ where: { serverId: server.id } })).ownerPid;
    const owner = pair.find((r) => r.pid === ownerPid);
    const other = pair.find((r) => r.pid !== ownerPid);
    expect(owner).toBeDefined();
    await switchAndWait();
    await owner?.kill();
    await waitUntil('the other receiver streaming', async () => {
      const row = await fx.ctx.db.walReceiver.findUniqueOrThrow({ where: { serverId: server.id } });
      return row.ownerPid === other?.pid && row.state === 'running' && (await walSenders()).length === 1;
    });
    await pgbench(['-c', '2', '-T', '2', '-n']);
    await switchAndWait();
    await expectWholeArchive();
    await other?.stop();
    // Two receiver processes start, then one takes over after the other's death (lock retry 5 s).
  }, 120_000);
});
