import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestCatalog } from '../testing/catalog-fixture';
import { createDb, type Db } from '../db/client';
import { systemActor } from '../context';
import { createUser } from './create-user';
import { listUsers } from './list-users';
import { updateUser } from './update-user';
import { changePassword } from './change-password';
import { ensureFirstAdmin } from './ensure-first-admin';
import { createSession } from './create-session';
import { resolveSession } from './resolve-session';
import { verifyPassword } from './passwords';
import {
  actorOf,
  anonymous,
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

const signIn = (username: string, password = testPassword) =>
  createSession({ ctx: ctxFor(db, anonymous), input: { username, password } });

describe('createUser / listUsers', () => {
  it('creates a user with a lower-case name, audited without the password', async () => {
    const root = await makeUser(db, 'root', 'admin');
    const user = await createUser({
      ctx: ctxFor(db, actorOf(root)),
      input: { username: 'Alice', password: 'a long enough secret', role: 'operator' },
    });
    expect(user).toMatchObject({
      username: 'alice',
      role: 'operator',
      disabled: false,
      mustChangePassword: true,
      lastLoginAt: null,
    });
    expect(user).not.toHaveProperty('passwordHash');
    expect((await listUsers({ ctx: ctxFor(db, actorOf(root)) })).map((u) => u.username)).toEqual([
      'alice',
      'root',
    ]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'user.create' } });
    expect(event.details).toEqual({ username: 'alice', role: 'operator' });
  });

  it('explains what is wrong: short password, taken name, bad name, missing role', async () => {
    const root = await makeUser(db, 'root', 'admin');
    const ctx = ctxFor(db, actorOf(root));
    const short = await rejection(
      createUser({ ctx, input: { username: 'bob', password: 'short', role: 'viewer' } }),
    );
    expect(short.details?.fields).toEqual({
      password: ['Use at least 12 characters; a few unrelated words make a good password.'],
    });
    const taken = await rejection(
      createUser({ ctx, input: { username: 'ROOT', password: 'a long enough secret', role: 'viewer' } }),
    );
    expect(taken).toMatchObject({ code: 'conflict', message: "A user named 'root' already exists." });
    const bad = await rejection(
      createUser({ ctx, input: { username: 'a b', password: 'a long enough secret' } }),
    );
    expect(Object.keys(bad.details?.fields as object).sort()).toEqual(['role', 'username']);
  });

  it('is for admins only', async () => {
    const olga = await makeUser(db, 'olga', 'operator');
    const error = await rejection(
      createUser({
        ctx: ctxFor(db, actorOf(olga)),
        input: { username: 'x', password: 'a long enough secret', role: 'viewer' },
      }),
    );
    expect(error).toMatchObject({
      code: 'forbidden',
      message: 'Your role (operator) cannot create users; only an admin can.',
    });
    await expect(listUsers({ ctx: ctxFor(db, actorOf(olga)) })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('updateUser and the last admin', () => {
  it('never lets the last enabled admin be demoted or disabled', async () => {
    const root = await makeUser(db, 'root', 'admin');
    const ctx = ctxFor(db, actorOf(root));
    const demote = await rejection(updateUser({ ctx, input: { id: root.id, role: 'operator' } }));
    expect(demote).toMatchObject({
      code: 'conflict',
      message: "'root' is the last enabled admin and cannot be made operator. Make another user admin first.",
    });
    const disable = await rejection(updateUser({ ctx, input: { id: root.id, disabled: true } }));
    expect(disable.message).toMatch(/cannot be disabled/);

    // A disabled admin does not count as a remaining one.
    await makeUser(db, 'ghost', 'admin', { disabled: true });
    await expect(updateUser({ ctx, input: { id: root.id, role: 'viewer' } })).rejects.toMatchObject({
      code: 'conflict',
    });

    const second = await makeUser(db, 'second', 'admin');
    expect(await updateUser({ ctx, input: { id: root.id, role: 'operator' } })).toMatchObject({
      role: 'operator',
    });
    await expect(
      updateUser({ ctx: ctxFor(db, actorOf(second)), input: { id: second.id, disabled: true } }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps one admin when two admins demote each other at the same moment', async () => {
    const a = await makeUser(db, 'a', 'admin');
    const b = await makeUser(db, 'b', 'admin');
    const other = createDb(catalog.url);
    try {
      const results = await Promise.allSettled([
        updateUser({ ctx: ctxFor(db, actorOf(a)), input: { id: b.id, role: 'viewer' } }),
        updateUser({ ctx: ctxFor(other, actorOf(b)), input: { id: a.id, role: 'viewer' } }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    } finally {
      await other.$disconnect();
    }
    expect(await db.user.count({ where: { role: 'admin' } })).toBe(1);
  });

  it('disabling a user ends their sessions; an admin reset forces a new password at next sign-in', async () => {
    const root = await makeUser(db, 'root', 'admin');
    const vic = await makeUser(db, 'vic', 'viewer');
    const { token } = await signIn('vic');
    const ctx = ctxFor(db, actorOf(root));
    await updateUser({ ctx, input: { id: vic.id, disabled: true } });
    expect(await resolveSession(db, token)).toBeNull();
    expect(await db.session.count({ where: { userId: vic.id } })).toBe(0);
    await updateUser({ ctx, input: { id: vic.id, disabled: false, password: 'temporary password 1' } });
    const again = await signIn('vic', 'temporary password 1');
    expect(again.user.mustChangePassword).toBe(true);
    const events = await db.auditEvent.findMany({ where: { action: 'user.update' } });
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain('temporary password 1');
  });
});

describe('changePassword', () => {
  it('needs the current password for your own, and keeps only the current session', async () => {
    const alice = await makeUser(db, 'alice', 'operator');
    const kept = await signIn('alice');
    const other = await signIn('alice');
    const ctx = ctxFor(db, actorOf(alice));

    const missing = await rejection(changePassword({ ctx, input: { newPassword: 'a brand new password' } }));
    expect(missing.details?.fields).toEqual({
      currentPassword: ['Enter your current password to confirm it is you.'],
    });
    const wrong = await rejection(
      changePassword({
        ctx,
        input: { currentPassword: 'nope nope nope', newPassword: 'a brand new password' },
      }),
    );
    expect(wrong).toMatchObject({ code: 'validation_failed', message: 'The current password is not right.' });
    const same = await rejection(
      changePassword({ ctx, input: { currentPassword: testPassword, newPassword: testPassword } }),
    );
    expect(same.details?.fields).toEqual({
      newPassword: ['Choose a password different from the current one.'],
    });

    await changePassword({
      ctx,
      input: {
        currentPassword: testPassword,
        newPassword: 'a brand new password',
        keepSessionToken: kept.token,
      },
    });
    expect(await resolveSession(db, kept.token)).not.toBeNull();
    expect(await resolveSession(db, other.token)).toBeNull();
    const user = await db.user.findUniqueOrThrow({ where: { id: alice.id } });
    expect(await verifyPassword(user.passwordHash, 'a brand new password')).toBe(true);
    expect(user.mustChangePassword).toBe(false);
    expect(await db.auditEvent.count({ where: { action: 'user.password_change', outcome: 'failure' } })).toBe(
      1,
    );
  });

  it("lets only an admin reset someone else's, which signs them out and flags a change", async () => {
    const root = await makeUser(db, 'root', 'admin');
    const olga = await makeUser(db, 'olga', 'operator');
    const vic = await makeUser(db, 'vic', 'viewer');
    const { token } = await signIn('vic');
    const denied = await rejection(
      changePassword({
        ctx: ctxFor(db, actorOf(olga)),
        input: { userId: vic.id, newPassword: 'reset by olga!!' },
      }),
    );
    expect(denied).toMatchObject({
      code: 'forbidden',
      message: "Your role (operator) cannot reset other users' passwords; only an admin can.",
    });

    await changePassword({
      ctx: ctxFor(db, actorOf(root)),
      input: { userId: vic.id, newPassword: 'reset by the admin' },
    });
    expect(await resolveSession(db, token)).toBeNull();
    expect((await signIn('vic', 'reset by the admin')).user.mustChangePassword).toBe(true);
    expect(await db.auditEvent.count({ where: { action: 'user.password_reset', targetId: vic.id } })).toBe(1);
  });
});

describe('ensureFirstAdmin', () => {
  const saved = process.env.CELLAR_ADMIN_PASSWORD;
  afterEach(() => {
    if (saved === undefined) delete process.env.CELLAR_ADMIN_PASSWORD;
    else process.env.CELLAR_ADMIN_PASSWORD = saved;
  });

  it('creates admin once with a one-time password, even when two processes start together', async () => {
    delete process.env.CELLAR_ADMIN_PASSWORD;
    const other = createDb(catalog.url);
    let results;
    try {
      results = await Promise.all([
        ensureFirstAdmin({ ctx: ctxFor(db, systemActor) }),
        ensureFirstAdmin({ ctx: ctxFor(other, systemActor) }),
      ]);
    } finally {
      await other.$disconnect();
    }
    const created = results.filter((r) => r.created);
    expect(created).toHaveLength(1);
    expect(results.find((r) => !r.created)).toEqual({ created: false, username: 'admin' });
    const password = created[0]!.password!;
    expect(password).toHaveLength(20);
    expect(await db.user.count()).toBe(1);
    const session = await signIn('admin', password);
    expect(session.user).toMatchObject({ role: 'admin', mustChangePassword: true });

    expect(await ensureFirstAdmin({ ctx: ctxFor(db, systemActor) })).toEqual({
      created: false,
      username: 'admin',
    });
    const events = await db.auditEvent.findMany({ where: { action: 'user.create' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: 'system', actorName: 'cellar' });
    expect(JSON.stringify(events[0]!.details)).not.toContain(password);
  });

  it('uses CELLAR_ADMIN_PASSWORD when set, without echoing it', async () => {
    process.env.CELLAR_ADMIN_PASSWORD = 'chosen by the operator';
    expect(await ensureFirstAdmin({ ctx: ctxFor(db, systemActor) })).toEqual({
      created: true,
      username: 'admin',
    });
    expect((await signIn('admin', 'chosen by the operator')).user.mustChangePassword).toBe(false);
  });

  it('refuses a CELLAR_ADMIN_PASSWORD that breaks the policy, naming the variable', async () => {
    process.env.CELLAR_ADMIN_PASSWORD = 'short';
    const error = await rejection(ensureFirstAdmin({ ctx: ctxFor(db, systemActor) }));
    expect(error.message).toBe(
      'CELLAR_ADMIN_PASSWORD is not acceptable: Use at least 12 characters; a few unrelated words make a good password.',
    );
    expect(await db.user.count()).toBe(0);
  });
});
