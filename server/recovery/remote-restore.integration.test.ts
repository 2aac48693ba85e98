import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupPaths } from '../backup/backup-layout';
import { freePort } from '../local/free-port';
import { missingMajorReason, supportedMajors } from '../local/postgres-binaries';
import { encryptSecret } from '../secrets/secret-box';
import { addMarker, markerIds, switchWal } from '../testing/pitr-workload';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { useRecoveryFixture } from '../testing/recovery-fixture';
import { startSshd, type SshServer } from '../testing/sshd';
import { fireSchedule } from '../schedules/fire-schedule';
import { startRestoreVerify } from './start-restore-verify';

// Restores over SSH to the harness's real sshd (SFTP on parallel channels, the host key pinned
// once a request vouches for it) on PostgreSQL 15 and 18; on 15 also its failures (a host key
// nothing vouches for, another than the one given, a changed one, a login key the host refuses,
// the connection cut mid-copy), and restore verification, including a backup with a damaged file.

const run = promisify(execFile);

describe.each(supportedMajors)('restore over SSH and restore verification, PostgreSQL %i', (major) => {
  const missing = missingMajorReason(major);
  // The failure paths do not depend on the major: they run once.
  const once = missing ?? (major === 15 ? undefined : 'failure paths and verification run on PostgreSQL 15');
  const fx = useRecoveryFixture();
  let source: PostgresServer;
  let server: { id: string; name: string };
  let sshd: SshServer;
  const started: PostgresServer[] = [];

  beforeAll(async () => {
    if (missing) return;
    ({ pg: source, server } = await fx.startArchivingPostgres(`remote${major}`, major));
    await source.query('CREATE TABLE markers (id int PRIMARY KEY, note text); CREATE TABLE bulk AS SELECT g, md5(g::text) FROM generate_series(1, 200000) g');
    await addMarker(source, 0, 'zero');
    await fx.backup(server.name, { standalone: false });
    await addMarker(source, 1, 'one');
    await fx.waitForArchive(server.id, [await switchWal(source), await switchWal(source)]);
    sshd = await startSshd();
    await fx.ctx.db.server.update({ where: { id: server.id }, data: { sshKeySecret: encryptSecret(sshd.privateKey) } });
  }, 240_000);
  afterAll(async () => {
    for (const pg of started) await pg.destroy();
    await source?.destroy();
    await sshd?.stop();
  });

  const target = (port = sshd.port) => `${sshd.username}@127.0.0.1:${port}`;
  /** `hostKey`: the fingerprint the request vouches for (the host's own by default), or null for none. */
  const remoteRestore = async (port?: number, hostKey: string | null = sshd.hostKeyFingerprint) => {
    const dest = path.join(await fx.tempDir('cellar-remote-'), 'data');
    const done = await fx.restore(server.name, { target: { kind: 'latest' }, destination: { kind: 'ssh', target: target(port), path: dest, ...(hostKey ? { hostKey } : {}) }, channels: 3 });
    return { dest, done };
  };

  it.skipIf(once)('queues no restore to a host whose key nothing vouches for, and connects to none that presents another', async () => {
    await expect(remoteRestore(undefined, null)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^The host key of 127\.0\.0\.1:\d+ is not pinned, and Cellar does not trust a key on first sight\. Test the connection/) as unknown,
    });
    const refusal = await fx.ctx.db.auditEvent.findFirstOrThrow({ where: { action: 'restore.start', targetId: server.name, outcome: 'failure' }, orderBy: { at: 'desc' } });
    expect(refusal.details).toMatchObject({ problem: expect.stringMatching(/is not pinned/) as unknown });
    const { dest, done } = await remoteRestore(undefined, `SHA256:${'A'.repeat(43)}`);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/presented the host key .* not the SHA256:A{43} you gave; the restore was refused before any credential was sent/);
    expect(existsSync(dest)).toBe(false);
    expect(await fx.ctx.db.sshKnownHost.findUnique({ where: { host_port: { host: '127.0.0.1', port: sshd.port } } })).toBeNull();
  });

  it.skipIf(missing)('restores over SFTP, pins the host key it was given, and the result starts with every marker', async () => {
    const { dest, done } = await remoteRestore();
    expect(done.error).toBeNull();
    expect(done.result).toMatchObject({ destination: `${target()}:${dest}` });
    const pinned = await fx.ctx.db.sshKnownHost.findUniqueOrThrow({ where: { host_port: { host: '127.0.0.1', port: sshd.port } } });
    expect(pinned.fingerprint).toBe(sshd.hostKeyFingerprint);
    expect(JSON.parse(await readFile(path.join(dest, '.cellar-restore.json'), 'utf8'))).toMatchObject({ server: server.name, walMode: 'copy' });
    const pg = await startPostgres({ major, dataDir: dest });
    started.push(pg);
    for (let i = 0; (await pg.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]?.r; i++) if (i > 300) throw new Error(await pg.logTail());
    else await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await markerIds(pg)).toEqual([0, 1]);
    expect((await pg.query<{ n: string }>('SELECT count(*)::text AS n FROM bulk')).rows[0]?.n).toBe('200000');
  });

  it.skipIf(once)('refuses a host whose key changed, before sending any credential', async () => {
    const { stdout } = await run('ssh-keygen', ['-y', '-f', sshd.privateKeyPath]);
    const other = stdout.trim().split(/\s+/);
    await fx.ctx.db.sshKnownHost.update({ where: { host_port: { host: '127.0.0.1', port: sshd.port } }, data: { keyType: other[0] ?? '', keyBase64: other[1] ?? '', fingerprint: 'SHA256:someone-else' } });
    // The pinned key is what vouches here: the request names none.
    const { dest, done } = await remoteRestore(undefined, null);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/host key of .* changed .*refused before any credential was sent/);
    expect(existsSync(dest)).toBe(false);
    await fx.ctx.db.sshKnownHost.delete({ where: { host_port: { host: '127.0.0.1', port: sshd.port } } });
  });

  it.skipIf(once)('fails clearly with a key the host does not accept', async () => {
    const keyFile = path.join(await fx.tempDir('cellar-key-'), 'k');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
    await fx.ctx.db.server.update({ where: { id: server.id }, data: { sshKeySecret: encryptSecret(await readFile(keyFile, 'utf8')) } });
    try {
      const { done } = await remoteRestore();
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/authentication failed/);
    } finally {
      await fx.ctx.db.server.update({ where: { id: server.id }, data: { sshKeySecret: encryptSecret(sshd.privateKey) } });
    }
  });

  it.skipIf(once)('fails the run, never reporting success, when the connection drops mid-copy', async () => {
    // A proxy in front of sshd that cuts both sides once 4 MiB went towards the host.
    const port = await freePort();
    const proxy = net.createServer((client) => {
      const upstream = net.connect(sshd.port, '127.0.0.1');
      let sent = 0;
      client.on('data', (chunk: Buffer) => {
        sent += chunk.length;
        if (sent > 4 * 1024 * 1024) {
          client.destroy();
          upstream.destroy();
        } else upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => client.write(chunk));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
    try {
      const { dest, done } = await remoteRestore(port);
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/ssh .*(closed|ECONNRESET|Not connected|No response)/i);
      expect(done.result).toBeNull();
      expect(existsSync(path.join(dest, '.cellar-restore.json'))).toBe(false);
      expect(existsSync(path.join(dest, 'global', 'pg_control'))).toBe(false);
    } finally {
      proxy.close();
    }
  }, 180_000);

  it.skipIf(once)('verifies that the latest backup restores, and records it on the backup', async () => {
    const view = await startRestoreVerify({ ctx: fx.ctx, producer: fx.producer, root: fx.root, input: { server: server.name } });
    const done = await fx.waitForRun(view.id, undefined, 180_000);
    expect(done.error).toBeNull();
    expect(done.result).toMatchObject({ ok: true, databases: expect.arrayContaining([expect.objectContaining({ database: 'postgres', ok: true })]) as unknown });
    const backup = await fx.ctx.db.backup.findFirstOrThrow({ where: { serverId: server.id }, orderBy: { backupId: 'desc' } });
    expect(backup).toMatchObject({ restoreVerifyStatus: 'ok', restoreVerifyDetail: null });
    expect(backup.restoreVerifyMs).toBeGreaterThan(0);
  });

  it.skipIf(once)('runs a scheduled restore verification of the latest backup', async () => {
    const schedule = await fx.ctx.db.schedule.create({ data: { serverId: server.id, kind: 'verify', name: 'prove-it', cron: '0 3 * * *', options: { target: 'latest', amcheck: true }, coveredUntil: new Date(Date.now() - 60_000) } });
    const fired = await fireSchedule({ ctx: fx.ctx, producer: fx.producer, input: { scheduleId: schedule.id, scheduledFor: new Date(Date.now() - 500), now: new Date(), workerId: 'test', graceMs: 60_000 } });
    expect(fired.outcome).toBe('started');
    // One verification of a server at a time: while it runs, the next occurrence is skipped and
    // a request is refused, both saying why.
    const nextFor = new Date(Date.now() - 400);
    const next = await fireSchedule({ ctx: fx.ctx, producer: fx.producer, input: { scheduleId: schedule.id, scheduledFor: nextFor, now: new Date(), workerId: 'test', graceMs: 60_000 } });
    expect(next.outcome).toBe('skipped');
    const skipped = await fx.ctx.db.scheduleFiring.findFirstOrThrow({ where: { scheduleId: schedule.id, scheduledFor: nextFor } });
    expect(skipped.message).toMatch(/restore verification of .* was already queued or running/);
    await expect(startRestoreVerify({ ctx: fx.ctx, producer: fx.producer, root: fx.root, input: { server: server.name } })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(new RegExp(`^A restore verification of ${server.name} is already (queued|running) \\(run ${fired.runId}\\)`)) as unknown,
    });
    const done = await fx.waitForRun(fired.runId ?? '', undefined, 180_000);
    expect(done).toMatchObject({ kind: 'restore.verify', status: 'succeeded', requestedBy: 'schedule prove-it' });
    expect(done.input).toMatchObject({ backup: 'latest', target: { kind: 'latest' }, amcheck: true });
    const latest = await fx.ctx.db.backup.findFirstOrThrow({ where: { serverId: server.id, status: 'DONE' }, orderBy: { backupId: 'desc' } });
    expect(done.result).toMatchObject({ ok: true, backupId: latest.backupId });
  });

  it.skipIf(once)('catches a backup with a damaged file', async () => {
    await source.query('CREATE TABLE victim AS SELECT g, repeat(md5(g::text), 4) AS pad FROM generate_series(1, 5000) g; CHECKPOINT');
    const file = (await source.query<{ f: string }>("SELECT pg_relation_filepath('victim') AS f")).rows[0]?.f ?? '';
    const taken = await fx.backup(server.name, { standalone: false, compression: 'none' });
    const backupId = (taken.result as { backupId: string }).backupId;
    await fx.waitForArchive(server.id, [await switchWal(source)]);
    const stored = path.join(backupPaths(fx.root, server.name, backupId).dir, 'data', file);
    const bytes = await readFile(stored);
    bytes.fill(0x5a, 8192 + 3000, 8192 + 3400);
    await writeFile(stored, bytes);
    const view = await startRestoreVerify({ ctx: fx.ctx, producer: fx.producer, root: fx.root, input: { server: server.name, request: { backup: backupId } } });
    const done = await fx.waitForRun(view.id, undefined, 180_000);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(new RegExp(`Backup ${backupId} did not prove restorable: .*(victim|invalid page)`));
    const backup = await fx.ctx.db.backup.findFirstOrThrow({ where: { serverId: server.id, backupId } });
    expect(backup.restoreVerifyStatus).toBe('failed');
    expect(backup.restoreVerifyDetail).toMatch(/checksum|invalid page|corrupt/i);
  });
});
