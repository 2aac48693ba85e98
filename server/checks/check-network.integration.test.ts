import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptSecret } from '../secrets/secret-box';
import { freePort } from '../local/free-port';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { startSshd, type SshServer } from '../testing/sshd';
import { findCheck, useCheckFixture } from './check-fixture';

const fx = useCheckFixture();
const { makeServer, check } = fx;
const find = findCheck;

describe('servers that do not answer', () => {
  it('an unreachable port fails PostgreSQL with the error in words and skips what depends on it', async () => {
    const port = await freePort();
    const server = await makeServer({
      conninfo: `host=127.0.0.1 port=${port} user=postgres dbname=postgres`,
      slotName: 'cellar',
      streamingArchiver: true,
    });
    const { ok, results } = await check(server.id);
    expect(ok).toBe(false);
    expect(results[0]).toEqual({
      name: 'PostgreSQL',
      status: 'FAILED',
      hint: `connection refused by 127.0.0.1:${port}: is PostgreSQL running and listening there (listen_addresses, port)?`,
    });
    expect(find(results, 'wal_level')).toBeUndefined();
    expect(find(results, 'replication slot')).toEqual({
      name: 'replication slot',
      status: 'FAILED',
      hint: 'PostgreSQL is unreachable',
    });
    expect(find(results, 'receive-wal running')).toEqual({
      name: 'receive-wal running',
      status: 'FAILED',
      hint: 'PostgreSQL is unreachable',
    });
    expect(find(results, 'directories')?.status).toBe('OK');
  });

  it('a host that accepts but never answers cannot hold the check past its timeout', async () => {
    const sockets = new Set<net.Socket>();
    const blackhole = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    const { port } = blackhole.address() as net.AddressInfo;
    try {
      const server = await makeServer({
        conninfo: `host=127.0.0.1 port=${port} user=postgres dbname=postgres connect_timeout=60`,
      });
      const started = Date.now();
      const { results } = await check(server.id, 2000);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(find(results, 'PostgreSQL')).toMatchObject({
        status: 'FAILED',
        hint: expect.stringMatching(
          /^no answer from 127\.0\.0\.1:\d+|did not answer before the check timeout/,
        ) as unknown,
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      blackhole.close();
    }
  });
});

describe('ssh', () => {
  let sshd: SshServer;
  let pg: PostgresServer;

  beforeAll(async () => {
    [sshd, pg] = await Promise.all([
      startSshd(),
      startPostgres({ settings: { archive_mode: 'on', archive_command: '/bin/true' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.allSettled([sshd?.stop(), pg?.destroy()]);
  });

  const sshServer = (sshHostKey: string | null) =>
    makeServer({
      conninfo: pg.conninfo(),
      backupMethod: 'ssh',
      sshTarget: `${sshd.username}@127.0.0.1:${sshd.port}`,
      sshKeySecret: encryptSecret(sshd.privateKey),
      sshHostKey,
    });

  it('connects with the stored key, runs true, and reports an unpinned host key', async () => {
    const server = await sshServer(null);
    const { results } = await check(server.id);
    expect(find(results, 'ssh')).toEqual({
      name: 'ssh',
      status: 'OK',
      hint: `PostgreSQL server (host key ssh-ed25519 ${sshd.hostKeyFingerprint} not pinned yet)`,
    });
    expect(find(results, 'ssh output clean')).toBeUndefined();
    expect(find(results, 'PostgreSQL streaming')).toBeUndefined();

    // Trust on first use: the key seen is pinned, so the next check verifies against it.
    const pinned = await fx.catalog.db.server.findUniqueOrThrow({ where: { id: server.id } });
    expect(pinned.sshHostKey?.split(' ').slice(0, 2).join(' ')).toBe(sshd.hostPublicKey.split(' ').slice(0, 2).join(' '));
    const again = await check(server.id);
    expect(find(again.results, 'ssh')).toEqual({ name: 'ssh', status: 'OK', hint: 'PostgreSQL server' });
  });

  it('accepts the pinned key as a public line or a fingerprint, and refuses another', async () => {
    for (const pinned of [sshd.hostPublicKey, sshd.hostKeyFingerprint]) {
      const { results } = await check((await sshServer(pinned)).id);
      expect(find(results, 'ssh')).toEqual({ name: 'ssh', status: 'OK', hint: 'PostgreSQL server' });
    }
    const { results } = await check(
      (await sshServer('SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).id,
    );
    expect(find(results, 'ssh')).toMatchObject({
      status: 'FAILED',
      hint: expect.stringContaining('changed') as unknown,
    });
  });

  it('a refused SSH port fails the ssh check', async () => {
    const port = await freePort();
    const server = await makeServer({
      conninfo: pg.conninfo(),
      backupMethod: 'ssh',
      sshTarget: `nobody@127.0.0.1:${port}`,
      sshKeySecret: encryptSecret(sshd.privateKey),
    });
    const { results } = await check(server.id);
    expect(find(results, 'ssh')).toMatchObject({
      status: 'FAILED',
      hint: expect.stringContaining('connection refused') as unknown,
    });
  });
});
