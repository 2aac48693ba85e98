import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestCatalog } from '../testing/catalog-fixture';
import type { Db } from '../db/client';
import type { User } from '../db/generated/client';
import { createApiToken } from './create-api-token';
import { listApiTokens } from './list-api-tokens';
import { revokeApiToken } from './revoke-api-token';
import { resolveApiToken } from './resolve-api-token';
import { hashToken } from './tokens';
import { actorOf, ctxFor, makeUser, resetAuthTables, rejection } from './auth-test-helpers';

let catalog: Awaited<ReturnType<typeof createTestCatalog>>;
let db: Db;
let admin: User;
let operator: User;
let viewer: User;

beforeAll(async () => {
  catalog = await createTestCatalog();
  db = catalog.db;
});
afterAll(async () => catalog.drop());
beforeEach(async () => {
  await resetAuthTables(db);
  [admin, operator, viewer] = await Promise.all([
    makeUser(db, 'root', 'admin'),
    makeUser(db, 'olga', 'operator'),
    makeUser(db, 'vic', 'viewer'),
  ]);
});

describe('API tokens', () => {
  it('returns the token once, stores only its hash, and resolves it to a token actor', async () => {
    const ctx = ctxFor(db, actorOf(operator));
    const created = await createApiToken({ ctx, input: { name: 'ci', role: 'viewer', expiresInDays: 30 } });
    expect(created.token).toMatch(/^cellar_/);
    expect(created).toMatchObject({
      name: 'ci',
      kind: 'api',
      role: 'viewer',
      userId: operator.id,
      username: 'olga',
      prefix: created.token.slice(0, 13),
    });
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashToken(created.token));
    expect(row.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    expect(await resolveApiToken(db, created.token)).toEqual({
      type: 'token',
      id: created.id,
      name: 'olga/ci',
      role: 'viewer',
    });
    const listed = await listApiTokens({ ctx });
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);
    expect(listed[0]).not.toHaveProperty('tokenHash');

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'token.create' } });
    expect(JSON.stringify(event.details)).not.toContain(created.token.slice(7));
  });

  it('caps the role at the owner and at the caller', async () => {
    const own = await rejection(
      createApiToken({ ctx: ctxFor(db, actorOf(operator)), input: { name: 'x', role: 'admin' } }),
    );
    expect(own.code).toBe('forbidden');
    expect(own.message).toBe(
      "Your role (operator) cannot create a token with role admin; a token's role can be at most yours.",
    );

    const forOther = await rejection(
      createApiToken({
        ctx: ctxFor(db, actorOf(admin)),
        input: { name: 'x', role: 'admin', userId: viewer.id },
      }),
    );
    expect(forOther.code).toBe('validation_failed');
    expect(forOther.details?.fields).toEqual({ role: ["'vic' is viewer; choose viewer or lower."] });

    const notAdmin = await rejection(
      createApiToken({
        ctx: ctxFor(db, actorOf(operator)),
        input: { name: 'x', role: 'viewer', userId: viewer.id },
      }),
    );
    expect(notAdmin).toMatchObject({
      code: 'forbidden',
      message: 'Your role (operator) cannot create tokens for other users; only an admin can.',
    });

    const byAdmin = await createApiToken({
      ctx: ctxFor(db, actorOf(admin)),
      input: { name: 'for vic', role: 'viewer', userId: viewer.id },
    });
    expect(byAdmin.userId).toBe(viewer.id);
  });

  it('acts with the lower of the token role and the owner role of today', async () => {
    const { token } = await createApiToken({
      ctx: ctxFor(db, actorOf(operator)),
      input: { name: 'deploy', role: 'operator' },
    });
    await db.user.update({ where: { id: operator.id }, data: { role: 'viewer' } });
    expect((await resolveApiToken(db, token))?.role).toBe('viewer');
    await db.user.update({ where: { id: operator.id }, data: { disabled: true } });
    expect(await resolveApiToken(db, token)).toBeNull();
  });

  it('stops resolving a token once revoked or expired', async () => {
    const ctx = ctxFor(db, actorOf(operator));
    const a = await createApiToken({ ctx, input: { name: 'a', role: 'operator' } });
    const b = await createApiToken({ ctx, input: { name: 'b', role: 'operator' } });

    const revoked = await revokeApiToken({ ctx, input: { id: a.id } });
    expect(revoked.revokedAt).not.toBeNull();
    expect(await resolveApiToken(db, a.token)).toBeNull();
    expect((await revokeApiToken({ ctx, input: { id: a.id } })).revokedAt).toBe(revoked.revokedAt);
    expect(await db.auditEvent.count({ where: { action: 'token.revoke' } })).toBe(1);

    await db.apiToken.update({ where: { id: b.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveApiToken(db, b.token)).toBeNull();
    expect(await resolveApiToken(db, 'cellar_garbage')).toBeNull();

    expect((await listApiTokens({ ctx })).map((t) => t.name)).toEqual(['b']);
    expect(
      (await listApiTokens({ ctx, input: { includeRevoked: 'true' } })).map((t) => t.name).sort(),
    ).toEqual(['a', 'b']);
  });

  it("hides other users' tokens from non-admins", async () => {
    const mine = await createApiToken({
      ctx: ctxFor(db, actorOf(viewer)),
      input: { name: 'mine', role: 'viewer' },
    });
    const notFound = await rejection(
      revokeApiToken({ ctx: ctxFor(db, actorOf(operator)), input: { id: mine.id } }),
    );
    expect(notFound.code).toBe('not_found');
    expect(await listApiTokens({ ctx: ctxFor(db, actorOf(operator)) })).toEqual([]);
    expect((await listApiTokens({ ctx: ctxFor(db, actorOf(admin)) })).map((t) => t.username)).toEqual([
      'vic',
    ]);
    await expect(
      listApiTokens({ ctx: ctxFor(db, actorOf(operator)), input: { userId: viewer.id } }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await revokeApiToken({ ctx: ctxFor(db, actorOf(admin)), input: { id: mine.id } });
  });

  it('binds a WAL archive token to its server and keeps it out of the general API', async () => {
    const server = await db.server.create({ data: { name: 'main', conninfo: 'host=db' } });
    const other = await db.server.create({ data: { name: 'other', conninfo: 'host=db2' } });
    const missing = await rejection(
      createApiToken({ ctx: ctxFor(db, actorOf(operator)), input: { name: 'wal', kind: 'wal_archive' } }),
    );
    expect(missing.details?.fields).toEqual({
      serverId: ['A WAL archive token belongs to one server; choose it.'],
    });
    const viewerTry = await rejection(
      createApiToken({
        ctx: ctxFor(db, actorOf(viewer)),
        input: { name: 'wal', kind: 'wal_archive', serverId: server.id },
      }),
    );
    expect(viewerTry.code).toBe('forbidden');

    const wal = await createApiToken({
      ctx: ctxFor(db, actorOf(operator)),
      input: { name: 'wal', kind: 'wal_archive', serverId: server.id },
    });
    expect(wal).toMatchObject({ kind: 'wal_archive', role: 'operator', serverId: server.id });
    expect(await resolveApiToken(db, wal.token)).toBeNull();
    expect(await resolveApiToken(db, wal.token, { kind: 'wal_archive', serverId: other.id })).toBeNull();
    expect(await resolveApiToken(db, wal.token, { kind: 'wal_archive', serverId: server.id })).toMatchObject({
      type: 'token',
      name: 'olga/wal',
      role: 'operator',
    });

    const api = await createApiToken({
      ctx: ctxFor(db, actorOf(operator)),
      input: { name: 'api', role: 'operator' },
    });
    expect(await resolveApiToken(db, api.token, { kind: 'wal_archive', serverId: server.id })).toBeNull();
  });

  it('updates lastUsedAt at most once a minute', async () => {
    const { id, token } = await createApiToken({
      ctx: ctxFor(db, actorOf(operator)),
      input: { name: 'ci', role: 'viewer' },
    });
    await resolveApiToken(db, token);
    const first = (await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(first).not.toBeNull();
    await resolveApiToken(db, token);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(first);
    await db.apiToken.update({ where: { id }, data: { lastUsedAt: new Date(Date.now() - 90_000) } });
    await resolveApiToken(db, token);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt!.getTime()).toBeGreaterThan(
      Date.now() - 10_000,
    );
  });

  it('lets a token act for its owner (list and create own tokens)', async () => {
    const created = await createApiToken({
      ctx: ctxFor(db, actorOf(operator)),
      input: { name: 'cli', role: 'operator' },
    });
    const tokenActor = (await resolveApiToken(db, created.token))!;
    const ctx = ctxFor(db, tokenActor);
    const child = await createApiToken({ ctx, input: { name: 'child', role: 'viewer' } });
    expect(child.userId).toBe(operator.id);
    expect((await listApiTokens({ ctx })).map((t) => t.name).sort()).toEqual(['child', 'cli']);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'token.create', targetId: child.id },
    });
    expect(event).toMatchObject({ actorType: 'token', actorId: created.id, actorName: 'olga/cli' });
  });
});
