import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestCatalog } from '../testing/catalog-fixture';
import type { Db } from '../db/client';
import { createDb } from '../db/client';
import { DomainError } from '../errors/domain-error';
import { createSession } from './create-session';
import { assertNotThrottled, recordLoginFailure, usernameKey } from './throttle';
import { anonymous, ctxFor, makeUser, resetAuthTables, testPassword } from './auth-test-helpers';

let catalog: Awaited<ReturnType<typeof createTestCatalog>>;
let db: Db;

beforeAll(async () => {
  catalog = await createTestCatalog();
  db = catalog.db;
});
afterAll(async () => catalog.drop());
beforeEach(async () => resetAuthTables(db));

const login = (username: string, password: string, ip = '203.0.113.5') =>
  createSession({ ctx: ctxFor(db, anonymous, { ip }), input: { username, password } }).then(
    () => 'ok',
    (e: unknown) => {
      if (e instanceof DomainError) return e;
      throw e;
    },
  );

async function failTimes(n: number, username: string, ip?: string): Promise<void> {
  for (let i = 0; i < n; i++)
    expect(await login(username, 'wrong password!', ip)).toMatchObject({ code: 'unauthenticated' });
}

describe('login throttling', () => {
  it('locks a username for 15 minutes after 5 failures, even against the right password', async () => {
    await makeUser(db, 'alice', 'viewer');
    await failTimes(5, 'alice');
    const locked = await login('alice', testPassword, '203.0.113.99');
    expect(locked).toBeInstanceOf(DomainError);
    expect(locked).toMatchObject({
      code: 'too_many_requests',
      message: 'Too many failed logins; try again in 15 minutes.',
    });
    expect((locked as DomainError).details?.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(await db.auditEvent.count({ where: { action: 'auth.login', outcome: 'denied' } })).toBe(1);
    expect(await db.session.count()).toBe(0);
  });

  it('locks a client address across usernames', async () => {
    await makeUser(db, 'bob', 'viewer');
    for (const name of ['u1', 'u2', 'u3', 'u4', 'u5']) await failTimes(1, name, '198.51.100.1');
    expect(await login('bob', testPassword, '198.51.100.1')).toMatchObject({ code: 'too_many_requests' });
    expect(await login('bob', testPassword, '198.51.100.2')).toBe('ok');
  });

  it('forgets the username failures after a success, but not the address ones', async () => {
    await makeUser(db, 'carol', 'viewer');
    await failTimes(4, 'carol');
    expect(await login('carol', testPassword)).toBe('ok');
    expect(await db.loginThrottle.findUnique({ where: { key: usernameKey('carol') } })).toBeNull();
    expect(await db.loginThrottle.findUnique({ where: { key: 'ip:203.0.113.5' } })).toMatchObject({
      failures: 4,
    });
    await failTimes(4, 'carol', '203.0.113.6');
    expect(await login('carol', testPassword, '203.0.113.7')).toBe('ok');
  });

  it('counts concurrent failures from several processes without losing any', async () => {
    const other = createDb(catalog.url);
    try {
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => recordLoginFailure(i % 2 ? db : other, ['user:race'])),
      );
    } finally {
      await other.$disconnect();
    }
    expect(await db.loginThrottle.findUniqueOrThrow({ where: { key: 'user:race' } })).toMatchObject({
      failures: 12,
    });
  });

  it('starts a new window once the old one is over', async () => {
    await recordLoginFailure(db, ['user:dave', 'user:dave2']);
    await recordLoginFailure(db, ['user:dave']);
    await db.loginThrottle.update({
      where: { key: 'user:dave' },
      data: { windowStart: new Date(Date.now() - 16 * 60_000) },
    });
    await recordLoginFailure(db, ['user:dave']);
    expect(await db.loginThrottle.findUniqueOrThrow({ where: { key: 'user:dave' } })).toMatchObject({
      failures: 1,
      lockedUntil: null,
    });
  });

  it('locks again for twice as long when failures go on right after a lock', async () => {
    for (let i = 0; i < 5; i++) await recordLoginFailure(db, ['user:erin']);
    const first = await db.loginThrottle.findUniqueOrThrow({ where: { key: 'user:erin' } });
    expect(first.failures).toBe(5);
    // The lock ran out a minute ago: the key is open again, but its history is still warm.
    await db.loginThrottle.update({
      where: { key: 'user:erin' },
      data: { windowStart: new Date(Date.now() - 16 * 60_000), lockedUntil: new Date(Date.now() - 60_000) },
    });
    await expect(assertNotThrottled(db, ['user:erin'])).resolves.toBeUndefined();
    for (let i = 0; i < 4; i++) await recordLoginFailure(db, ['user:erin']);
    await expect(assertNotThrottled(db, ['user:erin'])).resolves.toBeUndefined();
    await recordLoginFailure(db, ['user:erin']);
    await expect(assertNotThrottled(db, ['user:erin'])).rejects.toThrow(
      'Too many failed logins; try again in 30 minutes.',
    );
  });
});
