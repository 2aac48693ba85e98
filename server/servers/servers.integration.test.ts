import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog } from '../testing/catalog-fixture';
import { logger } from '../log/logger';
import type { Actor, Ctx } from '../context';
import { setMasterKeyForTests } from '../secrets/master-key';
import { decryptSecret } from '../secrets/secret-box';
import { createServer } from './create-server';
import { updateServer } from './update-server';
import { deleteServer } from './delete-server';
import { listServers } from './list-servers';

let catalog: Awaited<ReturnType<typeof createTestCatalog>>;
const as = (role: Actor['role']): Ctx => ({ db: catalog.db, actor: { type: 'user', id: null, name: `${role}-user`, role }, requestId: `req-${role}`, ip: '10.1.2.3', log: logger });

beforeAll(async () => {
  setMasterKeyForTests(randomBytes(32));
  catalog = await createTestCatalog();
});
afterAll(async () => {
  setMasterKeyForTests(undefined);
  await catalog.drop();
});

describe('server registry', () => {
  it('takes the password out of the conninfo, encrypts it and never returns it', async () => {
    const view = await createServer({ ctx: as('operator'), input: { name: 'db1', conninfo: 'host=db1 user=cellar password=s3cret dbname=postgres', sshTarget: 'postgres@db1', sshPassword: 'ssh-pass' } });
    expect(view.conninfo).toBe('host=db1 user=cellar dbname=postgres');
    expect(view.hasPassword).toBe(true);
    expect(view.hasSshPassword).toBe(true);
    expect(JSON.stringify(view)).not.toMatch(/s3cret|ssh-pass|v1:/);
    const listed = await listServers({ ctx: as('viewer') });
    expect(JSON.stringify(listed)).not.toMatch(/s3cret|ssh-pass|v1:/);

    const row = await catalog.db.server.findUniqueOrThrow({ where: { name: 'db1' } });
    expect(row.passwordSecret).toMatch(/^v1:/);
    expect(row.passwordSecret).not.toContain('s3cret');
    expect(decryptSecret(row.passwordSecret!)).toBe('s3cret');
    expect(decryptSecret(row.sshPasswordSecret!)).toBe('ssh-pass');
  });

  it('answers a duplicate name with a conflict on the name field', async () => {
    await expect(createServer({ ctx: as('operator'), input: { name: 'db1', conninfo: 'host=x' } })).rejects.toMatchObject({
      code: 'conflict',
      details: { fields: { name: [expect.stringMatching(/taken/)] } },
    });
  });

  it('refuses a viewer, and an operator deleting', async () => {
    await expect(createServer({ ctx: as('viewer'), input: { name: 'db2', conninfo: 'host=x' } })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(deleteServer({ ctx: as('operator'), input: { name: 'db1' } })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('changes only what an update names, and keeps secrets unless cleared', async () => {
    await updateServer({ ctx: as('operator'), input: { name: 'db1', changes: { retentionPolicy: 'redundancy 3', compression: 'lz4' } } });
    const view = await updateServer({ ctx: as('operator'), input: { name: 'db1', changes: { enabled: false } } });
    expect(view).toMatchObject({ retentionPolicy: 'REDUNDANCY 3', compression: 'lz4', enabled: false, hasPassword: true, sshTarget: 'postgres@db1' });
    const cleared = await updateServer({ ctx: as('operator'), input: { name: 'db1', changes: { password: null } } });
    expect(cleared.hasPassword).toBe(false);
  });

  it('checks rules between fields against the stored server', async () => {
    await expect(updateServer({ ctx: as('operator'), input: { name: 'db1', changes: { streamingArchiver: true } } })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { fields: { slotName: [expect.any(String)] } },
    });
  });

  it('refuses to forget a server that still has backups', async () => {
    const server = await catalog.db.server.findUniqueOrThrow({ where: { name: 'db1' } });
    const backup = await catalog.db.backup.create({ data: { serverId: server.id, backupId: '20261128T010000', method: 'postgres', compression: 'zstd' } });
    await expect(deleteServer({ ctx: as('admin'), input: { name: 'db1' } })).rejects.toMatchObject({ code: 'conflict' });
    await catalog.db.backup.delete({ where: { id: backup.id } });
    await deleteServer({ ctx: as('admin'), input: { name: 'db1' } });
    expect(await catalog.db.server.count({ where: { name: 'db1' } })).toBe(0);
  });

  it('leaves an audit row for every change, with who, from where and the request', async () => {
    const events = await catalog.db.auditEvent.findMany({ where: { targetType: 'server' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['server.create', 'server.update', 'server.update', 'server.update', 'server.delete']);
    expect(events[0]).toMatchObject({ actorName: 'operator-user', ip: '10.1.2.3', requestId: 'req-operator', outcome: 'success' });
    expect(JSON.stringify(events, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).not.toMatch(/s3cret|ssh-pass/);
  });
});
