import type { CatalogFacts, PostgresFacts, Probe, RepositoryFacts, ServerSettings } from '../types';

// A probe of a healthy PG 15 server, for the evaluators' unit tests: each test breaks one fact.

export const checkedAt = new Date('2026-05-01T12:00:00Z');

export function healthyProbe(
  overrides: {
    server?: Partial<ServerSettings>;
    postgres?: Partial<PostgresFacts>;
    catalog?: Partial<CatalogFacts>;
    repository?: Partial<RepositoryFacts>;
  } = {},
): Probe {
  const server: ServerSettings = {
    name: 'pg1',
    backupMethod: 'postgres',
    compression: 'zstd',
    compressionLevel: null,
    walCompression: 'zstd',
    retentionPolicy: 'REDUNDANCY 2',
    minimumRedundancy: 1,
    lastBackupMaximumAge: '1 day',
    lastBackupMinimumSize: 1_000_000n,
    lastWalMaximumAge: '1 hour',
    slotName: 'cellar',
    createSlot: true,
    streamingArchiver: true,
    pushArchiver: true,
    sshTarget: null,
    sshHostKey: null,
    systemId: '7300000000000000001',
    ...overrides.server,
  };
  const postgres: PostgresFacts = {
    versionNum: 150007,
    versionText: '15.7',
    walLevel: 'replica',
    archiveMode: 'on',
    archiveCommand: 'cellar-wal-archive %p',
    archiveLibrary: null,
    isInRecovery: false,
    role: {
      name: 'cellar',
      superuser: true,
      replication: true,
      monitor: true,
      readAllSettings: true,
      readAllStats: true,
      checkpoint: true,
    },
    functions: { backupStart: true, backupStop: true, switchWal: true, createRestorePoint: true },
    systemId: '7300000000000000001',
    archiver: {
      archivedCount: 10,
      lastArchivedWal: '00000001000000000000000A',
      lastArchivedTime: new Date('2026-05-01T11:59:00Z'),
      failedCount: 0,
      lastFailedWal: null,
      lastFailedTime: null,
    },
    slot: { slotType: 'physical', active: true, restartLsn: '0/A000000', walStatus: 'reserved' },
    walReceivers: 1,
    ...overrides.postgres,
  };
  const catalog: CatalogFacts = {
    lastBackup: {
      backupId: '20260501T020000',
      status: 'DONE',
      endTime: new Date('2026-05-01T02:10:00Z'),
      size: 43_830_000n,
      beginWal: '000000010000000000000005',
      endWal: '000000010000000000000006',
      timeline: 1,
    },
    failedBackups: 0,
    doneBackups: 2,
    newestWalSinceBackup: new Date('2026-05-01T11:59:00Z'),
    walBytesAfterBackup: 16_777_216n * 4n,
    ...overrides.catalog,
  };
  const repository: RepositoryFacts = {
    path: '/var/lib/cellar/repository/pg1',
    problem: null,
    freeBytes: 50 * 1024 ** 3,
    identitySystemId: '7300000000000000001',
    identityProblem: null,
    errorFiles: [],
    ...overrides.repository,
  };
  return {
    server,
    now: checkedAt,
    postgres: { ok: true, value: postgres },
    streaming: { ok: true, value: { systemId: '7300000000000000001', timeline: 1, xlogpos: '0/A000060' } },
    catalog: { ok: true, value: catalog },
    repository: { ok: true, value: repository },
    codecs: { gzip: { ok: true }, lz4: { ok: true }, zstd: { ok: true } },
    ssh: null,
    timedOut: false,
    timeoutMs: 30_000,
  };
}
