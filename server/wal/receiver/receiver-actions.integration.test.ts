import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../context';
import { missingMajorReason, supportedMajors } from '../../local/postgres-binaries';
import { useBackupFixture } from '../../testing/backup-fixture';
import { startPostgres, type PostgresServer } from '../../testing/postgres-server';
import { findWalGaps } from '../find-wal-gaps';
import { getWalStatus } from '../get-wal-status';
import { changeReceiver } from './change-receiver';
import { ReceiverFleet } from './receiver-fleet';
import { changeReplicationSlot } from './replication-slot-actions';

// The receiver's actions as an operator uses them (Barman's receive-wal --stop, --reset,
// --create-slot, --drop-slot), against a running receiver: each is audited, a viewer may not use
// them, and a reset is what gets a receiver past WAL the server no longer has.

describe.each(supportedMajors)('WAL receiver actions on PostgreSQL %i', (major) => {
  const missing = missingMajorReason(major);
  const fx = useBackupFixture();
  let pgServer: PostgresServer;
  let fleet: ReceiverFleet;
  let name: string;
  let serverId: string;
  const as = (role: 'viewer' | 'operator'): Ctx => ({ ...fx.ctx, actor: { ...fx.ctx.actor, role } });

  const waitUntil = async (what: string, ok: () => Promise<boolean>, ms = 45_000) => {
    for (const deadline = Date.now() + ms; !(await ok().catch(() => false)); await sleep(200))
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  };
  const status = async () => (await getWalStatus({ ctx: as('viewer'), input: { server: name, root: fx.root } })).receiver;
  const slotActive = async () => (await pgServer.query<{ active: boolean }>("SELECT active FROM pg_replication_slots WHERE slot_name = 'cellar'")).rows[0]?.active ?? null;
  const switchWal = () => pgServer.query("CREATE TABLE IF NOT EXISTS ticks (at timestamptz); INSERT INTO ticks VALUES (now()); SELECT pg_switch_wal()");

  beforeAll(async () => {
    if (missing) return;
    // Little WAL kept: segments the receiver did not take are gone after a checkpoint or two.
    pgServer = await startPostgres({ major, settings: { wal_keep_size: 0, max_wal_size: '32MB', min_wal_size: '32MB' } });
    ({ name, id: serverId } = await fx.addServer(pgServer, { streamingArchiver: true, slotName: 'cellar', createSlot: true }));
    fleet = new ReceiverFleet({ ctx: fx.ctx, root: fx.root, catalogUrl: fx.catalog.url, owner: { host: os.hostname(), pid: process.pid }, pollMs: 500, lockRetryMs: 500 });
    fleet.start();
  });
  afterAll(async () => {
    await fleet?.stop();
    await pgServer?.destroy();
  });

  it.skipIf(missing)('stops and starts the receiver, refuses a viewer, and audits every action', async () => {
    await waitUntil('streaming', async () => (await status())?.state === 'running' && !(await status())?.stale);
    expect(await status()).toMatchObject({ wanted: true, slotName: 'cellar', ownerHost: os.hostname(), ownerPid: process.pid, timeline: 1 });
    await expect(changeReceiver({ ctx: as('viewer'), input: { server: name, action: 'stop' } })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(changeReplicationSlot({ ctx: as('operator'), input: { server: name, action: 'drop' } })).rejects.toThrow(/is in use .* stop the WAL receiver first/);

    expect((await changeReceiver({ ctx: as('operator'), input: { server: name, action: 'stop' } })).receiver).toMatchObject({ stopRequested: true, wanted: false });
    await waitUntil('stopped', async () => (await status())?.state === 'stopped' && (await slotActive()) === false);
    expect(await changeReplicationSlot({ ctx: as('operator'), input: { server: name, action: 'drop' } })).toMatchObject({ outcome: 'dropped' });
    expect(await slotActive()).toBeNull();
    expect(await changeReplicationSlot({ ctx: as('operator'), input: { server: name, action: 'create' } })).toMatchObject({ outcome: 'created' });
    expect(await changeReplicationSlot({ ctx: as('operator'), input: { server: name, action: 'create' } })).toMatchObject({ outcome: 'existed' });

    await changeReceiver({ ctx: as('operator'), input: { server: name, action: 'start' } });
    await waitUntil('streaming again', async () => (await status())?.state === 'running' && (await slotActive()) === true);
    const audited = await fx.ctx.db.auditEvent.findMany({ where: { targetId: name }, orderBy: { id: 'asc' } });
    expect(audited.map((e) => `${e.action}:${e.outcome}`)).toEqual(['wal.slot.drop:failure', 'wal.receiver.stop:success', 'wal.slot.drop:success', 'wal.slot.create:success', 'wal.slot.create:success', 'wal.receiver.start:success']);
  });

  it.skipIf(missing)('reports a position the server no longer has, and a reset moves past it, leaving the gap visible', async () => {
    await switchWal();
    await waitUntil('caught up', async () => (await status())?.lagBytes === 0);
    // While the receiver is stopped and without its slot, the server recycles WAL it never sent.
    await changeReceiver({ ctx: as('operator'), input: { server: name, action: 'stop' } });
    await waitUntil('stopped', async () => (await status())?.state === 'stopped' && (await slotActive()) === false);
    await changeReplicationSlot({ ctx: as('operator'), input: { server: name, action: 'drop' } });
    for (let i = 0; i < 6; i++) {
      await switchWal();
      await pgServer.query('CHECKPOINT');
    }
    await changeReceiver({ ctx: as('operator'), input: { server: name, action: 'start' } });
    await waitUntil('the lost position reported', async () => (await status())?.state === 'error');
    expect((await status())?.lastError).toMatch(/has already been removed.*Reset the receiver/);

    const reset = await changeReceiver({ ctx: as('operator'), input: { server: name, action: 'reset' } });
    expect(reset.warning).toMatch(/will never be received/);
    await waitUntil('streaming after the reset', async () => (await status())?.state === 'running' && (await status())?.resetRequested === false);
    await switchWal();
    await waitUntil('a segment after the reset', async () => (await findWalGaps(fx.ctx.db, serverId)).length === 1);
    const gaps = await findWalGaps(fx.ctx.db, serverId);
    expect(gaps[0]?.missing).toBeGreaterThan(0);
    const events = await fx.ctx.db.auditEvent.findFirstOrThrow({ where: { targetId: name, action: 'wal.receiver.reset' } });
    expect(events.details).toMatchObject({ warning: expect.stringMatching(/gap/) as string });
  });
});
