import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctxFor } from '../auth/auth-test-helpers';
import type { Actor } from '../context';
import { DomainError } from '../errors/domain-error';
import { freePort } from '../local/free-port';
import { setMasterKeyForTests } from '../secrets/master-key';
import { encryptSecret } from '../secrets/secret-box';
import { createTestCatalog, type TestCatalog } from '../testing/catalog-fixture';
import { startSshd, type SshServer } from '../testing/sshd';
import { testSshDestination } from './test-ssh-destination';

// "Test connection" against the harness's real sshd: the presented key shown and nothing sent
// before it is trusted, pinned only when the fingerprint the user accepts is the one presented
// and the login works, a changed key and a refused login reported, and every test audited.

const run = promisify(execFile);
const operator: Actor = { type: 'user', id: null, name: 'olga', role: 'operator' };

describe('testing an SSH restore destination', () => {
  let catalog: TestCatalog;
  let sshd: SshServer;
  let dir: string;
  const ctx = () => ctxFor(catalog.db, operator);
  const target = (port = sshd.port) => `${sshd.username}@127.0.0.1:${port}`;
  const test = (request: { target?: string; path?: string; accept?: string }, server = 'remote') =>
    testSshDestination({ ctx: ctx(), input: { server, request: { target: target(), ...request } } });
  const pinnedRow = () =>
    catalog.db.sshKnownHost.findUnique({ where: { host_port: { host: '127.0.0.1', port: sshd.port } } });

  beforeAll(async () => {
    setMasterKeyForTests(randomBytes(32));
    [catalog, sshd] = await Promise.all([createTestCatalog(), startSshd()]);
    dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-ssh-test-'));
    const otherKey = path.join(dir, 'other_ed25519');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    await catalog.db.server.createMany({
      data: [
        {
          name: 'remote',
          conninfo: 'host=127.0.0.1 user=postgres',
          sshKeySecret: encryptSecret(sshd.privateKey),
        },
        {
          name: 'stranger',
          conninfo: 'host=127.0.0.1 user=postgres',
          sshKeySecret: encryptSecret(await readFile(otherKey, 'utf8')),
        },
        { name: 'nokey', conninfo: 'host=127.0.0.1 user=postgres' },
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await sshd?.stop();
    await catalog?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows the presented key first, pinning nothing and not logging in', async () => {
    const view = await test({ path: path.join(dir, 'data') });
    expect(view).toMatchObject({
      hostKeyStatus: 'not-pinned',
      hostKey: { type: 'ssh-ed25519', fingerprint: sshd.hostKeyFingerprint },
      pinned: null,
      accepted: false,
      authenticated: false,
      destination: null,
      problem: null,
    });
    expect(view.advice).toMatch(/no credential was sent/);
    expect(await pinnedRow()).toBeNull();
  });

  it('refuses to pin a fingerprint the host does not present', async () => {
    const view = await test({ accept: `SHA256:${'A'.repeat(43)}` });
    expect(view.problem).toMatch(/not SHA256:A+ that you accepted\. Nothing was pinned/);
    expect(view.authenticated).toBe(false);
    expect(await pinnedRow()).toBeNull();
  });

  it('pins the accepted key once the login works, and says what is at the path', async () => {
    const dest = path.join(dir, 'data');
    const view = await test({ path: dest, accept: sshd.hostKeyFingerprint });
    expect(view).toMatchObject({
      hostKeyStatus: 'not-pinned',
      accepted: true,
      authenticated: true,
      destination: { path: dest, state: 'missing' },
      problem: null,
    });
    expect((await pinnedRow())?.fingerprint).toBe(sshd.hostKeyFingerprint);
    await mkdir(dest);
    await writeFile(path.join(dest, 'PG_VERSION'), '15\n');
    const again = await test({ path: dest });
    expect(again).toMatchObject({
      hostKeyStatus: 'matches',
      accepted: false,
      authenticated: true,
      destination: { state: 'not-empty', entries: 1 },
      pinned: { fingerprint: sshd.hostKeyFingerprint },
    });
    expect(again.advice).toMatch(/refuses it unless you ask to overwrite/);
    const audit = await catalog.db.auditEvent.findMany({ orderBy: { at: 'asc' } });
    expect(audit.filter((e) => e.action === 'ssh-known-host.accept')).toEqual([
      expect.objectContaining({ targetId: `127.0.0.1:${sshd.port}`, actorName: 'olga', outcome: 'success' }),
    ]);
    expect(audit.filter((e) => e.action === 'restore.destination-test').map((e) => e.outcome)).toEqual([
      'success',
      'failure',
      'success',
      'success',
    ]);
  });

  it('reports a refused login without pinning anything new', async () => {
    const view = await test({}, 'stranger');
    expect(view).toMatchObject({
      hostKeyStatus: 'matches',
      authenticated: false,
      problem: expect.stringMatching(/stored SSH key or password was refused/) as string,
    });
  });

  it('refuses a changed host key before any login', async () => {
    const { stdout } = await run('ssh-keygen', ['-y', '-f', sshd.privateKeyPath]);
    const [keyType = '', keyBase64 = ''] = stdout.trim().split(/\s+/);
    await catalog.db.sshKnownHost.update({
      where: { host_port: { host: '127.0.0.1', port: sshd.port } },
      data: { keyType, keyBase64, fingerprint: 'SHA256:someone-else' },
    });
    const view = await test({ accept: sshd.hostKeyFingerprint });
    expect(view).toMatchObject({ hostKeyStatus: 'changed', authenticated: false, accepted: false });
    expect(view.problem).toMatch(/host key of 127\.0\.0\.1:\d+ changed.*No credential was sent/);
    expect((await pinnedRow())?.fingerprint).toBe('SHA256:someone-else');
  });

  it('says when nothing listens, when no credential is stored, and refuses viewers', async () => {
    const closed = await test({ target: target(await freePort()) });
    expect(closed).toMatchObject({
      hostKeyStatus: 'unreachable',
      hostKey: null,
      problem: expect.stringMatching(/connection refused/) as string,
    });
    await expect(test({}, 'nokey')).rejects.toThrow(/has no SSH key or password stored/);
    const viewer = testSshDestination({
      ctx: ctxFor(catalog.db, { ...operator, role: 'viewer' }),
      input: { server: 'remote', request: { target: target() } },
    });
    await expect(viewer).rejects.toBeInstanceOf(DomainError);
  });
});
