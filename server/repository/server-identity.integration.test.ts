import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureServerIdentity, readServerIdentity } from './server-identity';

let dir: string;
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'cellar-identity-')), 'db1');
});
afterEach(() => rm(path.dirname(dir), { recursive: true, force: true }));

describe('identity.json', () => {
  it('is written on first contact and read back as it was', async () => {
    expect(await readServerIdentity(dir)).toBeNull();
    const first = await ensureServerIdentity(
      dir,
      { systemid: '7300000000000000001', version: 150000 },
      new Date('2026-11-28T00:00:00Z'),
    );
    expect(first).toEqual({
      systemid: '7300000000000000001',
      version: 150000,
      firstSeen: '2026-11-28T00:00:00.000Z',
    });
    expect(await ensureServerIdentity(dir, { systemid: '7300000000000000001', version: 150001 })).toEqual(
      first,
    );
    expect(await readdir(dir)).toEqual(['identity.json']);
  });

  it('refuses another cluster with a message that says what to do', async () => {
    await ensureServerIdentity(dir, { systemid: '7300000000000000001', version: 150000 });
    await expect(
      ensureServerIdentity(dir, { systemid: '7300000000000000002', version: 150000 }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(
        /belongs to PostgreSQL system 7300000000000000001.*Fix the conninfo/,
      ) as unknown,
    });
  });

  it('lets exactly one of several racing first contacts define the identity', async () => {
    const outcomes = await Promise.allSettled(
      ['1', '2', '3', '4'].map((n) =>
        ensureServerIdentity(dir, { systemid: `730000000000000000${n}`, version: 150000 }),
      ),
    );
    const stored = await readServerIdentity(dir);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'fulfilled')).toMatchObject({
      value: { systemid: stored?.systemid },
    });
  });
});
