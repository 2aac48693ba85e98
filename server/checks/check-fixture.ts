import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { systemActor, type Ctx } from '../context';
import type { Prisma } from '../db/generated/client';
import { setMasterKeyForTests } from '../secrets/master-key';
import { createTestCatalog, type TestCatalog } from '../testing/catalog-fixture';
import { runServerChecks } from './run-server-checks';
import type { CheckResult } from './types';

// Shared by the checks' integration tests (not production code): a private catalog, a temp
// repository root and a fixed master key, registered as hooks of the calling test file.

export type CheckFixture = {
  readonly ctx: Ctx;
  readonly catalog: TestCatalog;
  readonly repositoryRoot: string;
  makeServer: (
    data: Omit<Prisma.ServerCreateInput, 'name'> & { name?: string },
  ) => ReturnType<TestCatalog['db']['server']['create']>;
  check: (serverId: string, timeoutMs?: number) => ReturnType<typeof runServerChecks>;
};

const plainServer = {
  backupMethod: 'postgres',
  streamingArchiver: false,
  pushArchiver: true,
  minimumRedundancy: 0,
  compression: 'zstd',
  walCompression: 'zstd',
} as const;

export function useCheckFixture(): CheckFixture {
  let catalog: TestCatalog | undefined;
  let ctx: Ctx | undefined;
  let repositoryRoot: string | undefined;
  const ready = () => {
    if (!catalog || !ctx || !repositoryRoot) throw new Error('useCheckFixture: used outside a test');
    return { catalog, ctx, repositoryRoot };
  };

  beforeAll(async () => {
    setMasterKeyForTests(randomBytes(32));
    catalog = await createTestCatalog();
    ctx = { db: catalog.db, actor: systemActor, requestId: randomUUID(), log: pino({ level: 'silent' }) };
    repositoryRoot = await mkdtemp(path.join(os.tmpdir(), 'cellar-checks-repo-'));
  });

  afterAll(async () => {
    await catalog?.drop();
    if (repositoryRoot) await rm(repositoryRoot, { recursive: true, force: true });
    setMasterKeyForTests(undefined);
  });

  return {
    get ctx() {
      return ready().ctx;
    },
    get catalog() {
      return ready().catalog;
    },
    get repositoryRoot() {
      return ready().repositoryRoot;
    },
    makeServer: (data) => {
      return ready().catalog.db.server.create({
        data: { name: `srv-${randomBytes(4).toString('hex')}`, ...plainServer, ...data },
      });
    },
    check: (serverId, timeoutMs) => {
      const { ctx: c, repositoryRoot: root } = ready();
      return runServerChecks({
        ctx: c,
        input: { serverId, repositoryRoot: root, ...(timeoutMs ? { timeoutMs } : {}) },
      });
    },
  };
}

export const findCheck = (results: CheckResult[], name: string) => results.find((r) => r.name === name);
export const failedNames = (results: CheckResult[]) =>
  results.filter((r) => r.status === 'FAILED').map((r) => r.name);
