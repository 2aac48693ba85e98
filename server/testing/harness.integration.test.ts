import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { Client as SshClient } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, testRedis } from './catalog-fixture';
import { missingMajorReason, supportedMajors } from '../local/postgres-binaries';
import { startPostgres, type PostgresServer } from './postgres-server';
import { startRedis } from './redis-server';
import { startSshd, type SshServer } from './sshd';

describe.each(supportedMajors)('PostgreSQL %i', (major) => {
  const missing = missingMajorReason(major);
  if (missing) console.warn(`Skipping PostgreSQL ${major}: ${missing}`);
  let server: PostgresServer;

  beforeAll(async () => {
    if (!missing) server = await startPostgres({ major });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it.skipIf(missing)('runs the requested major, configured for physical backups', async () => {
    const { rows } = await server.query<{ v: string }>('SELECT current_setting($1) AS v', ['server_version_num']);
    expect(Math.floor(Number(rows[0]?.v) / 10_000)).toBe(major);
    const wal = await server.query<{ wal_level: string }>('SHOW wal_level');
    expect(wal.rows[0]?.wal_level).toBe('replica');
    expect(server.port).not.toBe(5432);
    expect((await stat(server.dataDir)).uid).toBe(server.osUser.uid);
  });

  it.skipIf(missing)('accepts a replication connection', async () => {
    // pg supports `replication` but @types/pg's ClientConfig does not declare it.
    const client = new pg.Client({ host: server.host, port: server.port, user: 'postgres', replication: 'database' } as pg.ClientConfig);
    await client.connect();
    try {
      const { rows } = await client.query<{ systemid: string; timeline: number }>('IDENTIFY_SYSTEM');
      expect(rows[0]?.systemid).toMatch(/^\d+$/);
      expect(Number(rows[0]?.timeline)).toBe(1);
    } finally {
      await client.end();
    }
  });

  it.skipIf(missing)('recovers from a crash and restarts on the same port', async () => {
    await server.query('CREATE TABLE survives (n int); INSERT INTO survives VALUES (42)');
    await server.kill();
    await expect(server.query('SELECT 1')).rejects.toThrow();
    await server.start();
    expect(await server.logTail()).toMatch(/not properly shut down|interrupted/);
    await server.restart();
    const { rows } = await server.query<{ n: number }>('SELECT n FROM survives');
    expect(rows).toEqual([{ n: 42 }]);
  });
});

describe('startPostgres failures', () => {
  it('throws with the tail of the server log', async () => {
    await expect(startPostgres({ settings: { shared_buffers: 'lots' } })).rejects.toThrow(/server log[\s\S]*shared_buffers/);
  });
});

describe('Redis', () => {
  it('restarts empty on the same port', async () => {
    const redis = await startRedis();
    const client = new Redis(redis.url, { maxRetriesPerRequest: null, lazyConnect: true });
    try {
      await client.connect();
      await client.set('k', 'v');
      await redis.restart();
      expect(await client.get('k')).toBeNull();
      expect(redis.port).not.toBe(6379);
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });
});

function sshExec(ssh: SshServer, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const conn = new SshClient();
    conn
      .on('ready', () => {
        conn.exec(command, (error, stream) => {
          if (error) return reject(error);
          let out = '';
          stream.on('data', (chunk: Buffer) => (out += chunk.toString()));
          stream.on('close', () => {
            conn.end();
            resolve(out);
          });
        });
      })
      .on('error', reject)
      .connect({
        host: ssh.host,
        port: ssh.port,
        username: ssh.username,
        privateKey: ssh.privateKey,
        // The fingerprint ssh-keygen printed is the SHA-256 of the raw host key blob.
        hostVerifier: (key: Buffer) =>
          `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}` === ssh.hostKeyFingerprint,
      });
  });
}

describe('sshd', () => {
  let ssh: SshServer;
  beforeAll(async () => {
    ssh = await startSshd();
  });
  afterAll(async () => {
    await ssh?.stop();
  });

  it('lets the generated key log in and run a command', async () => {
    expect(await sshExec(ssh, 'echo ok')).toBe('ok\n');
  });
});

describe('catalog isolation', () => {
  it('gives each caller its own migrated database', async () => {
    const [a, b] = await Promise.all([createTestCatalog(), createTestCatalog()]);
    try {
      expect(a.url).not.toBe(b.url);
      expect(new URL(a.url).port).not.toBe('5432');
      await a.db.user.create({ data: { username: 'alice', passwordHash: 'x', role: 'admin' } });
      expect(await a.db.user.count()).toBe(1);
      expect(await b.db.user.count()).toBe(0);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it('hands out a private Redis and a stable per-file queue prefix', () => {
    expect(new URL(testRedis().url).port).not.toBe('6379');
    expect(testRedis().prefix).toBe(testRedis().prefix);
    expect(process.env.DATABASE_URL).toContain('use_createTestCatalog_instead');
  });
});
