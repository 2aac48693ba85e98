import { copyFile, readFile, readdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../db/generated/client';
import { availableMajors } from '../local/postgres-binaries';
import { backupPaths, storedFilePath } from '../backup/backup-layout';
import { startBackupVerify } from '../backup/start-backup-verify';
import { runServerChecks } from '../checks/run-server-checks';
import { useBackupFixture } from '../testing/backup-fixture';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { storeWalFile } from '../wal/store-wal-file';
import { errorsDir } from '../wal/wal-layout';
import { acknowledgeAlert } from './acknowledge-alert';
import { evaluateAlerts } from './evaluate-alerts';
import { getAlertSummary } from './get-alert-summary';
import { listAlerts } from './list-alerts';
import { updateAlertRule } from './update-alert-rule';

// Alerts open, stay one per rule and subject, and resolve with the real conditions: backups
// taken and failed through the worker (which evaluates after each run), a damaged backup found
// by verify, WAL from a real server's pg_wal stored with a hole and a forged duplicate, the
// latest check report, and the repository's own file system.

const major = availableMajors().at(-1) ?? 15;
const fx = useBackupFixture({
  afterRun: async (run) => {
    await evaluateAlerts({
      ctx: fx.ctx,
      input: { serverId: run.serverId ?? undefined, reason: `run ${run.kind}`, repositoryRoot: fx.root },
    });
  },
});
let pgServer: PostgresServer;
let server: Server;

const evaluate = (input: { serverId?: string; now?: Date } = {}) =>
  evaluateAlerts({ ctx: fx.ctx, input: { ...input, repositoryRoot: fx.root } });
const openOf = async (rule: string) =>
  fx.ctx.db.alert.findMany({ where: { ruleKind: rule, resolvedAt: null }, orderBy: { openedAt: 'asc' } });
const allOf = async (rule: string, serverId = server.id) =>
  fx.ctx.db.alert.findMany({ where: { ruleKind: rule, serverId }, orderBy: { openedAt: 'asc' } });
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000);
/** The worker evaluates just after it marks the run finished: wait for that evaluation too. */
async function eventually<T>(read: () => Promise<T>, until: (value: T) => boolean, ms = 15_000): Promise<T> {
  for (const deadline = Date.now() + ms; ; await sleep(50)) {
    const value = await read();
    if (until(value) || Date.now() > deadline) return value;
  }
}

beforeAll(async () => {
  pgServer = await startPostgres({ major, settings: { wal_keep_size: '512MB' } });
  const { id } = await fx.addServer(pgServer, { lastBackupMaximumAge: '1 hour' });
  server = await fx.ctx.db.server.findUniqueOrThrow({ where: { id } });
});
afterAll(() => pgServer?.destroy());

describe('alert lifecycle', () => {
  it('opens once while the condition holds, resolves by itself, and keeps the history', async () => {
    expect(await evaluate()).toMatchObject({ opened: 1 });
    const [open] = await openOf('backup_age');
    expect(open).toMatchObject({
      severity: 'critical',
      title: `Backup too old: ${server.name}`,
      subject: server.name,
      serverId: server.id,
    });
    expect(open?.summary).toMatch(/No backup of .* yet/);
    // Evaluations in a row and in parallel: still exactly one open alert for this subject.
    await Promise.all([evaluate(), evaluate({ serverId: server.id }), evaluate()]);
    expect(await openOf('backup_age')).toHaveLength(1);

    // The worker evaluates the server's alerts once the backup run is done.
    await fx.backup(server.name);
    const [resolved] = await eventually(
      () => allOf('backup_age'),
      (rows) => rows[0]?.resolvedAt != null,
    );
    expect(resolved).toMatchObject({ id: open?.id, resolution: 'condition cleared' });
    expect(resolved?.resolvedAt).not.toBeNull();

    // Two hours later the backup is too old again: a new alert, the old one stays in the history.
    await evaluate({ now: hoursFromNow(2) });
    const history = await allOf('backup_age');
    expect(history).toHaveLength(2);
    expect(history[1]?.resolvedAt).toBeNull();
    expect(history[1]?.summary).toMatch(/is 2 hours.* old; last_backup_maximum_age is 1 hour/);
    await evaluate();
    expect(await openOf('backup_age')).toHaveLength(0);
  });

  it('is acknowledged with a comment (audited) and stays open until its condition clears', async () => {
    await fx.ctx.db.server.update({ where: { id: server.id }, data: { lastBackupMinimumSize: 1n << 50n } });
    await evaluate({ serverId: server.id });
    const [alert] = await openOf('backup_size');
    expect(alert?.summary).toMatch(/below last_backup_minimum_size 1\.0 PiB/);
    const acked = await acknowledgeAlert({
      ctx: fx.ctx,
      input: { id: alert?.id ?? '', comment: 'expected: the test database is tiny' },
    });
    expect(acked).toMatchObject({
      acknowledgedBy: 'tester',
      ackComment: 'expected: the test database is tiny',
      resolvedAt: null,
    });
    await expect(
      acknowledgeAlert({ ctx: fx.ctx, input: { id: alert?.id ?? '', comment: 'again' } }),
    ).rejects.toThrow(/already acknowledged/);
    await expect(
      acknowledgeAlert({ ctx: fx.ctx, input: { id: alert?.id ?? '', comment: '  ' } }),
    ).rejects.toThrow();
    const audit = await fx.ctx.db.auditEvent.findFirstOrThrow({
      where: { action: 'alert.acknowledge', targetId: alert?.id },
    });
    expect(audit.details).toMatchObject({ comment: 'expected: the test database is tiny' });
    expect((await getAlertSummary({ ctx: fx.ctx })).unacknowledged).toBe(
      (await getAlertSummary({ ctx: fx.ctx })).open - 1,
    );
    const acknowledged = await listAlerts({
      ctx: fx.ctx,
      input: { state: 'acknowledged', server: server.name },
    });
    expect(acknowledged.alerts.map((a) => a.id)).toEqual([alert?.id]);

    await fx.ctx.db.server.update({ where: { id: server.id }, data: { lastBackupMinimumSize: 1000n } });
    await evaluate({ serverId: server.id });
    expect(await openOf('backup_size')).toHaveLength(0);
    await expect(
      acknowledgeAlert({ ctx: fx.ctx, input: { id: alert?.id ?? '', comment: 'late' } }),
    ).rejects.toThrow(/already acknowledged|resolved on its own/);
  });

  it('a failed backup run opens backup_failed; the next successful one resolves it', async () => {
    await fx.ctx.db.server.update({
      where: { id: server.id },
      data: { conninfo: 'host=127.0.0.1 port=1 user=postgres dbname=postgres' },
    });
    const failed = await fx.waitForRun((await fx.startBackup(server.name)).id);
    await fx.ctx.db.server.update({ where: { id: server.id }, data: { conninfo: server.conninfo } });
    expect(failed.status).toBe('failed');
    const [alert] = await eventually(
      () => openOf('backup_failed'),
      (rows) => rows.length > 0,
    );
    expect(alert?.summary).toMatch(/^The last backup of .* failed: .*(refused|connect)/i);
    expect(alert?.details).toMatchObject({ runId: failed.id });
    await fx.backup(server.name);
    expect(
      await eventually(
        () => openOf('backup_failed'),
        (rows) => rows.length === 0,
      ),
    ).toHaveLength(0);
  });

  it('a backup that fails verification has its own alert until it verifies again', async () => {
    const done = await fx.backup(server.name, { compression: 'none', name: 'damaged' });
    const dir = backupPaths(fx.root, server.name, (done.result as { backupId: string }).backupId).dir;
    const file = path.join(dir, storedFilePath('PG_VERSION', 'none'));
    await copyFile(file, `${file}.good`);
    await writeFile(file, 'not a version\n');
    const failed = await fx.waitForRun(
      (
        await startBackupVerify({
          ctx: fx.ctx,
          producer: fx.producer,
          input: { server: server.name, backup: 'damaged' },
        })
      ).id,
    );
    expect(failed.status).toBe('failed');
    const [alert] = await eventually(
      () => openOf('verify_failed'),
      (rows) => rows.length > 0,
    );
    expect(alert?.subject).toMatch(/ · backup \d{8}T\d{6}$/);
    await copyFile(`${file}.good`, file);
    await unlink(`${file}.good`);
    const verified = await fx.waitForRun(
      (
        await startBackupVerify({
          ctx: fx.ctx,
          producer: fx.producer,
          input: { server: server.name, backup: 'damaged' },
        })
      ).id,
    );
    expect(verified.status).toBe('succeeded');
    expect(
      await eventually(
        () => openOf('verify_failed'),
        (rows) => rows.length === 0,
      ),
    ).toHaveLength(0);
  });
});

describe('WAL archive alerts from a real server’s WAL', () => {
  const names: string[] = [];
  const segmentOf = (name: string) => readFile(path.join(pgServer.dataDir, 'pg_wal', name));
  const store = async (name: string, content?: Buffer) =>
    storeWalFile({
      ctx: fx.ctx,
      root: fx.root,
      input: { server, name, content: content ?? (await segmentOf(name)), source: 'push' },
    });

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      await pgServer.query(
        'CREATE TABLE IF NOT EXISTS t (v text); INSERT INTO t SELECT md5(g::text) FROM generate_series(1, 1000) g',
      );
      names.push(
        (await pgServer.query<{ n: string }>('SELECT pg_walfile_name(pg_switch_wal()) AS n')).rows[0]?.n ??
          '',
      );
    }
  });

  it('a hole after the oldest backup opens wal_gaps; the missing segment closes it', async () => {
    await store(names[0] ?? '');
    await store(names[2] ?? '');
    await evaluate({ serverId: server.id });
    const [gap] = await openOf('wal_gaps');
    expect(gap?.summary).toContain(`1 WAL segment of ${server.name} missing in 1 gap, first ${names[1]}`);
    await store(names[1] ?? '');
    await evaluate({ serverId: server.id });
    expect(await openOf('wal_gaps')).toHaveLength(0);
  });

  it('a conflicting duplicate opens wal_conflict at once, until the file kept aside is dealt with', async () => {
    const forged = await segmentOf(names[0] ?? '');
    forged[100] = (forged[100] ?? 0) ^ 0xff;
    await expect(store(names[0] ?? '', forged)).rejects.toThrow(/already holds a different/);
    const [alert] = await openOf('wal_conflict');
    expect(alert?.summary).toMatch(
      /1 refused WAL file kept aside \(duplicates: 1\): a different file arrived/,
    );
    for (const f of await readdir(errorsDir(fx.root, server.name)))
      await unlink(path.join(errorsDir(fx.root, server.name), f));
    await evaluate({ serverId: server.id });
    expect(await openOf('wal_conflict')).toHaveLength(0);
  });
});

describe('checks, restores, the repository and the rules themselves', () => {
  it('each failed check of the latest report is an alert of its own', async () => {
    await fx.ctx.db.server.update({
      where: { id: server.id },
      data: { slotName: 'no_such_slot', streamingArchiver: true },
    });
    await runServerChecks({
      ctx: fx.ctx,
      input: { serverId: server.id, repositoryRoot: fx.root, timeoutMs: 20_000 },
    });
    await evaluate({ serverId: server.id });
    const subjects = (await openOf('check_failing')).map((a) => a.subject);
    expect(subjects).toContain(`${server.name} · replication slot`);
    await fx.ctx.db.server.update({
      where: { id: server.id },
      data: { slotName: null, streamingArchiver: false },
    });
    await runServerChecks({
      ctx: fx.ctx,
      input: { serverId: server.id, repositoryRoot: fx.root, timeoutMs: 20_000 },
    });
    await evaluate({ serverId: server.id });
    expect((await openOf('check_failing')).map((a) => a.subject)).not.toContain(
      `${server.name} · replication slot`,
    );
  });

  it('restore runs: the latest failed one alerts until a later one succeeds', async () => {
    // No restore job exists on this branch yet: its Run rows are what the rule reads.
    const finished = (status: 'failed' | 'succeeded', minutesAgo: number) =>
      fx.ctx.db.run.create({
        data: {
          kind: 'restore.run',
          serverId: server.id,
          status,
          error: status === 'failed' ? 'destination not empty' : null,
          finishedAt: new Date(Date.now() - minutesAgo * 60_000),
        },
      });
    await finished('failed', 5);
    await evaluate({ serverId: server.id });
    expect((await openOf('restore_failed')).map((a) => a.summary)).toEqual([
      `The last restore of ${server.name} failed: destination not empty`,
    ]);
    await finished('succeeded', 1);
    await evaluate({ serverId: server.id });
    expect(await openOf('restore_failed')).toHaveLength(0);
  });

  it('the repository’s real file system against the free-space threshold, and the growth forecast', async () => {
    await updateAlertRule({
      ctx: fx.ctx,
      input: { kind: 'repository_free_space', params: { minFreePercent: 100 } },
    });
    await evaluate();
    const [full] = await openOf('repository_free_space');
    expect(full?.summary).toMatch(/free of .* below 100%/);
    await updateAlertRule({
      ctx: fx.ctx,
      input: { kind: 'repository_free_space', params: { minFreePercent: 0 } },
    });
    await evaluate();
    expect(await openOf('repository_free_space')).toHaveLength(0);
    await expect(
      updateAlertRule({
        ctx: fx.ctx,
        input: { kind: 'repository_free_space', params: { minFreePercent: 150 } },
      }),
    ).rejects.toThrow(/not valid/);

    // Yesterday's samples: the file system's real size, a day ago with 10 TiB more free. (Earlier
    // evaluations ran at other clocks; start from one real sample taken now.)
    await fx.ctx.db.repositorySample.deleteMany({});
    await evaluate();
    const sample = await fx.ctx.db.repositorySample.findFirstOrThrow({ orderBy: { at: 'desc' } });
    const tib = 1n << 40n;
    for (let h = 24; h >= 1; h -= 1)
      await fx.ctx.db.repositorySample.create({
        data: {
          at: new Date(sample.at.getTime() - h * 3_600_000),
          totalBytes: sample.totalBytes,
          freeBytes: sample.freeBytes + (tib * 10n * BigInt(h)) / 24n,
        },
      });
    await evaluate();
    const [forecast] = await openOf('repository_forecast');
    expect(forecast?.summary).toMatch(/grows by 10\.0 TiB a day .* last about \d+\.\d days, under 7/);
    await fx.ctx.db.repositorySample.deleteMany({ where: { at: { lt: sample.at } } });
    await evaluate();
    expect(await openOf('repository_forecast')).toHaveLength(0);
  });

  it('turning a rule off, or disabling the server, resolves its alerts with the reason', async () => {
    await evaluate({ serverId: server.id, now: hoursFromNow(3) });
    expect(await openOf('backup_age')).toHaveLength(1);
    await updateAlertRule({ ctx: fx.ctx, input: { kind: 'backup_age', enabled: false } });
    await evaluate({ serverId: server.id, now: hoursFromNow(3) });
    expect((await allOf('backup_age')).at(-1)?.resolution).toBe('rule turned off');
    await updateAlertRule({ ctx: fx.ctx, input: { kind: 'backup_age', enabled: true, severity: 'warning' } });
    await evaluate({ serverId: server.id, now: hoursFromNow(3) });
    expect((await openOf('backup_age'))[0]?.severity).toBe('warning');
    await fx.ctx.db.server.update({ where: { id: server.id }, data: { enabled: false } });
    await evaluate({ serverId: server.id, now: hoursFromNow(3) });
    expect((await allOf('backup_age')).at(-1)?.resolution).toBe('server disabled');
    await fx.ctx.db.server.update({ where: { id: server.id }, data: { enabled: true } });
    const audit = await fx.ctx.db.auditEvent.findMany({ where: { action: 'alert.rule.update' } });
    expect(audit.map((a) => a.targetId)).toEqual([
      'repository_free_space',
      'repository_free_space',
      'backup_age',
      'backup_age',
    ]);
  });
});
