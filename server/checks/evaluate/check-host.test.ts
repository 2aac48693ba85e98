import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../types';
import { evaluateChecks } from './evaluate-checks';
import { healthyProbe } from './healthy-probe';
import { isArchiving } from './check-archivers';
import { summariseErrorFiles } from './check-archiver-errors';
import { hostKeyMatches } from './check-ssh';

const names = (results: CheckResult[]) => results.map((r) => r.name);
const find = (results: CheckResult[], name: string) => results.find((r) => r.name === name);

describe('repository, compression, identity, archivers', () => {
  it('directories: a write problem or a full disk FAILS', () => {
    expect(
      find(
        evaluateChecks(healthyProbe({ repository: { problem: '/repo/pg1: permission denied' } })),
        'directories',
      )?.hint,
    ).toBe('/repo/pg1: permission denied');
    expect(
      find(evaluateChecks(healthyProbe({ repository: { freeBytes: 1024 } })), 'directories')?.status,
    ).toBe('FAILED');
  });

  it('compression: an unusable codec or a level out of range FAILS', () => {
    const probe = {
      ...healthyProbe({ server: { walCompression: 'lz4' } }),
      codecs: {
        gzip: { ok: true as const },
        zstd: { ok: true as const },
        lz4: { ok: false as const, error: 'Cannot find module' },
      },
    };
    expect(find(evaluateChecks(probe), 'compression settings')?.hint).toMatch(
      /^wal_compression = lz4 is not usable on this host: Cannot find module/,
    );
    expect(
      find(
        evaluateChecks(healthyProbe({ server: { compression: 'gzip', compressionLevel: 15 } })),
        'compression settings',
      )?.hint,
    ).toBe('compression_level 15 is out of range for gzip (1 to 9)');
    expect(
      find(
        evaluateChecks(healthyProbe({ server: { compression: 'lz4', compressionLevel: 5 } })),
        'compression settings',
      ),
    ).toEqual({
      name: 'compression settings',
      status: 'OK',
      hint: 'compression_level 5 is ignored with lz4',
    });
  });

  it('systemid coherence: streaming vs SQL, catalog and identity.json', () => {
    const other = healthyProbe();
    other.streaming = { ok: true, value: { systemId: '999', timeline: 1, xlogpos: '0/1' } };
    expect(find(evaluateChecks(other), 'systemid coherence')?.hint).toMatch(
      /^is the streaming DSN targeting the same server/,
    );
    expect(
      find(evaluateChecks(healthyProbe({ server: { systemId: '42' } })), 'systemid coherence')?.status,
    ).toBe('FAILED');
    expect(
      find(evaluateChecks(healthyProbe({ repository: { identitySystemId: '42' } })), 'systemid coherence')
        ?.hint,
    ).toContain('identity.json');
    expect(
      find(evaluateChecks(healthyProbe({ repository: { identitySystemId: null } })), 'systemid coherence')
        ?.hint,
    ).toBe('no system Id stored on disk');
  });

  it('archivers: receive-wal, archive_mode, archive_command, continuous archiving', () => {
    expect(
      find(evaluateChecks(healthyProbe({ postgres: { walReceivers: 0 } })), 'receive-wal running')?.status,
    ).toBe('FAILED');
    const off = evaluateChecks(
      healthyProbe({ postgres: { archiveMode: 'off', archiveCommand: '(disabled)' } }),
    );
    expect(find(off, 'archive_mode')?.hint).toMatch(/^please set it to 'on' or 'always'/);
    expect(find(off, 'archive_command')?.hint).toMatch(/^please set it accordingly to documentation/);
    expect(find(off, 'continuous archiving')).toBeUndefined();
    expect(
      find(evaluateChecks(healthyProbe({ postgres: { archiveCommand: null } })), 'archive_command')?.hint,
    ).toBe('cannot read archive_command: GRANT pg_read_all_settings TO cellar;');
  });

  it('file archiver checks only when push archiving is on, or when no archiver is on (Barman forces it)', () => {
    expect(names(evaluateChecks(healthyProbe({ server: { pushArchiver: false } })))).not.toContain(
      'archive_mode',
    );
    expect(
      names(
        evaluateChecks(
          healthyProbe({ server: { pushArchiver: false, streamingArchiver: false, slotName: null } }),
        ),
      ),
    ).toContain('archive_mode');
    expect(names(evaluateChecks(healthyProbe({ server: { streamingArchiver: false } })))).not.toContain(
      'receive-wal running',
    );
  });

  it("continuous archiving follows Barman's is_archiving", () => {
    const base = {
      archivedCount: 1,
      lastArchivedWal: '000000010000000000000003',
      lastArchivedTime: new Date(2000),
      failedCount: 1,
      lastFailedWal: '000000010000000000000004',
      lastFailedTime: new Date(1000),
    };
    expect(isArchiving('on', base)).toBe(true);
    expect(isArchiving('on', { ...base, lastFailedTime: new Date(3000) })).toBe(false);
    expect(isArchiving('off', { ...base, lastFailedWal: null })).toBe(false);
    expect(
      isArchiving('always', { ...base, lastFailedWal: '00000001.history', lastFailedTime: new Date(3000) }),
    ).toBe(true);
    const failing = evaluateChecks(
      healthyProbe({ postgres: { archiver: { ...base, lastFailedTime: new Date('2026-05-01T11:00:00Z') } } }),
    );
    expect(find(failing, 'continuous archiving')?.hint).toBe(
      "archiving 000000010000000000000004 failed at 2026-05-01T11:00:00.000Z (1 failures): see the PostgreSQL log for the archive_command's error",
    );
  });

  it('archiver errors summarise errors/ as Barman does', () => {
    expect(summariseErrorFiles(['a.duplicate', 'b.unknown', 'c.duplicate', 'd.error', 'e'])).toBe(
      'duplicates: 2, unknown: 1, not relevant: 1, unknown failure: 1',
    );
    expect(
      find(evaluateChecks(healthyProbe({ repository: { errorFiles: ['x.duplicate'] } })), 'archiver errors')
        ?.hint,
    ).toMatch(/^duplicates: 1; inspect/);
  });
});

describe('ssh', () => {
  const key = { type: 'ssh-ed25519', base64: 'AAAAC3NzaC1lZDI1NTE5AAAAIK', sha256: 'SHA256:abc' };
  const withSsh = (pinned: string | null, output = '', exitCode: number | null = 0) => ({
    ...healthyProbe({ server: { sshTarget: 'postgres@db1', sshHostKey: pinned } }),
    ssh: { ok: true as const, value: { hostKey: key, output, exitCode } },
  });

  it('appears only when configured, after minimum redundancy', () => {
    const results = names(evaluateChecks(withSsh(null)));
    expect(results.indexOf('ssh')).toBe(results.indexOf('minimum redundancy requirements') + 1);
    expect(names(evaluateChecks(healthyProbe()))).not.toContain('ssh');
  });

  it('pinned key must match; unclean output fails "ssh output clean"', () => {
    expect(find(evaluateChecks(withSsh('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK root@db1')), 'ssh')).toEqual({
      name: 'ssh',
      status: 'OK',
      hint: 'PostgreSQL server',
    });
    expect(find(evaluateChecks(withSsh('SHA256:other')), 'ssh')?.hint).toMatch(/host key .* changed/);
    expect(find(evaluateChecks(withSsh(null, 'Welcome!\n')), 'ssh output clean')?.status).toBe('FAILED');
    expect(find(evaluateChecks(withSsh(null)), 'ssh output clean')).toBeUndefined();
    expect(
      find(
        evaluateChecks({
          ...withSsh(null),
          ssh: { ok: false, error: 'All configured authentication methods failed' },
        }),
        'ssh',
      )?.hint,
    ).toBe('All configured authentication methods failed');
  });

  it('matches pinned keys in three notations', () => {
    expect(hostKeyMatches('SHA256:abc=', key)).toBe(true);
    expect(hostKeyMatches('AAAAC3NzaC1lZDI1NTE5AAAAIK', key)).toBe(true);
    expect(hostKeyMatches('ssh-rsa AAAAB3', key)).toBe(false);
  });
});
