import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestCatalog } from '../testing/catalog-fixture';
import type { Db } from '../db/client';
import { createSession } from './create-session';
import { resolveSession } from './resolve-session';
import { deleteSession } from './delete-session';
import { hashToken } from './tokens';
import {
  anonymous,
  actorOf,
  ctxFor,
  makeUser,
  resetAuthTables,
  testPassword,
  rejection,
} from './auth-test-helpers';

let catalog: Awaited<ReturnType<typeof createTestCatalog>>;
let db: Db;

beforeAll(async () => {
  catalog = await createTestCatalog();
  db = catalog.db;
});
afterAll(async () => catalog.drop());
beforeEach(async () => resetAuthTables(db));

describe('createSession (login)', () => {
  it('signs in, stores only the token hash, records lastLoginAt and an audit row', async () => {
    const alice = await makeUser(db, 'alice', 'operator');
    const ctx = ctxFor(db, anonymous, { ip: '198.51.100.7', userAgent: 'Firefox' });
    const before = Date.now();
    const session = await createSession({ ctx, input: { username: ' Alice ', password: testPassword } });

    expect(session.token).toMatch(/^cs_/);
    expect(session.user).toEqual({
      id: alice.id,
      username: 'alice',
      role: 'operator',
      mustChangePassword: false,
    });
    expect(session.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 7 * 86_400_000 - 1000);
    const stored = await db.session.findFirstOrThrow({ where: { userId: alice.id } });
    expect(stored.tokenHash).toBe(hashToken(session.token));
    expect(stored).toMatchObject({ ip: '198.51.100.7', userAgent: 'Firefox' });
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: alice.id } })).lastLoginAt?.getTime(),
    ).toBeGreaterThanOrEqual(before - 1000);

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'auth.login' } });
    expect(event).toMatchObject({
      outcome: 'success',
      actorType: 'user',
      actorId: alice.id,
      actorName: 'alice',
      ip: '198.51.100.7',
      userAgent: 'Firefox',
      requestId: ctx.requestId,
    });
  });

  it('refuses a wrong password with one message for wrong and unknown users, audited without the password', async () => {
    await makeUser(db, 'alice', 'viewer');
    const wrong = await rejection(
      createSession({
        ctx: ctxFor(db, anonymous),
        input: { username: 'alice', password: 'not the password' },
      }),
    );
    const unknown = await rejection(
      createSession({
        ctx: ctxFor(db, anonymous),
        input: { username: 'mallory', password: 'not the password' },
      }),
    );
    expect(wrong.code).toBe('unauthenticated');
    expect(wrong.message).toMatch(/^Wrong username or password\./);
    expect(unknown.message).toBe(wrong.message);

    const failures = await db.auditEvent.findMany({
      where: { action: 'auth.login', outcome: 'failure' },
      orderBy: { id: 'asc' },
    });
    expect(failures.map((f) => f.details)).toEqual([
      { username: 'alice', reason: 'wrong_password' },
      { username: 'mallory', reason: 'unknown_user' },
    ]);
    expect(failures.map((f) => f.actorName)).toEqual(['anonymous', 'anonymous']);
    expect(JSON.stringify(failures.map((f) => f.details))).not.toContain('not the password');
    expect(await db.session.count()).toBe(0);
  });

  it('refuses a disabled account even with the right password', async () => {
    await makeUser(db, 'bob', 'admin', { disabled: true });
    const error = await rejection(
      createSession({ ctx: ctxFor(db, anonymous), input: { username: 'bob', password: testPassword } }),
    );
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/disabled/);
  });

  it('says which field is missing', async () => {
    const error = await rejection(createSession({ ctx: ctxFor(db, anonymous), input: { username: '' } }));
    expect(error.code).toBe('validation_failed');
    expect(error.details?.fields).toEqual({
      username: ['Enter your username.'],
      password: ['Enter your password.'],
    });
  });
});

describe('resolveSession', () => {
  it('resolves a live session to its user and refuses garbage', async () => {
    const alice = await makeUser(db, 'alice', 'admin');
    const { token } = await createSession({
      ctx: ctxFor(db, anonymous),
      input: { username: 'alice', password: testPassword },
    });
    const resolved = await resolveSession(db, token);
    expect(resolved?.user).toEqual({
      id: alice.id,
      username: 'alice',
      role: 'admin',
      mustChangePassword: false,
    });
    expect(await resolveSession(db, 'cs_nonsense')).toBeNull();
    expect(await resolveSession(db, `cs_${'A'.repeat(43)}`)).toBeNull();
  });

  it('returns null for an expired session and for a disabled user', async () => {
    const alice = await makeUser(db, 'alice', 'admin');
    const { token } = await createSession({
      ctx: ctxFor(db, anonymous),
      input: { username: 'alice', password: testPassword },
    });
    await db.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveSession(db, token)).toBeNull();

    const second = await createSession({
      ctx: ctxFor(db, anonymous),
      input: { username: 'alice', password: testPassword },
    });
    expect(await resolveSession(db, second.token)).not.toBeNull();
    await db.user.update({ where: { id: alice.id }, data: { disabled: true } });
    expect(await resolveSession(db, second.token)).toBeNull();
  });

  it('slides lastSeenAt at most once a minute', async () => {
    await makeUser(db, 'alice', 'viewer');
    const { token } = await createSession({
      ctx: ctxFor(db, anonymous),
      input: { username: 'alice', password: testPassword },
    });
    const created = await db.session.findFirstOrThrow();
    await resolveSession(db, token);
    expect((await db.session.findFirstOrThrow()).lastSeenAt).toEqual(created.lastSeenAt);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.session.updateMany({ data: { lastSeenAt: twoMinutesAgo } });
    const resolved = await resolveSession(db, token);
    const touched = (await db.session.findFirstOrThrow()).lastSeenAt;
    expect(touched.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 100_000);
    expect(resolved?.session.lastSeenAt).toEqual(touched);
  });
});

describe('deleteSession (logout)', () => {
  it('ends the session, audits it as the user, and is a no-op the second time', async () => {
    const alice = await makeUser(db, 'alice', 'viewer');
    const { token } = await createSession({
      ctx: ctxFor(db, anonymous),
      input: { username: 'alice', password: testPassword },
    });
    const ctx = ctxFor(db, actorOf(alice));
    await deleteSession({ ctx, input: { token } });
    expect(await resolveSession(db, token)).toBeNull();
    await deleteSession({ ctx, input: { token } });
    const events = await db.auditEvent.findMany({ where: { action: 'auth.logout' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorName: 'alice', outcome: 'success', requestId: ctx.requestId });
  });
});
