import { describe, expect, it } from 'vitest';
import { assessServer, compareFleet, type FleetFacts } from './assess-server';

const now = Date.parse('2026-12-01T12:00:00Z');
const ago = (hours: number) => new Date(now - hours * 3_600_000).toISOString();

function facts(over: Partial<FleetFacts> = {}): FleetFacts {
  return {
    id: 'id',
    name: 'pg1',
    description: '',
    enabled: true,
    backupMethod: 'postgres',
    streamingArchiver: true,
    pushArchiver: false,
    pgVersion: 170002,
    createdAt: ago(24 * 30),
    lastCheck: { ok: true, checkedAt: ago(0.5), failed: [] },
    lastBackup: { backupId: '20261201T020000', status: 'DONE', beginTime: ago(10), endTime: ago(9), size: 1 },
    lastAvailableBackup: { backupId: '20261201T020000', status: 'DONE', beginTime: ago(10), endTime: ago(9), size: 1 },
    backupMaximumAgeSeconds: 86_400,
    walMaximumAgeSeconds: 3_600,
    backups: { available: 3, failed: 0 },
    activeBackup: null,
    wal: { segments: 100, timelines: 1, missingSegments: 0, last: { name: '000000010000000000000064', archivedAt: ago(0.1) } },
    storage: { backups: 10, wal: 5 },
    ...over,
  };
}

const codes = (f: FleetFacts) => assessServer(f, now).problems.map((p) => `${p.level}:${p.code}`);

describe('assessServer', () => {
  it('is calm when checks pass and backups and WAL are within their limits', () => {
    expect(assessServer(facts(), now)).toEqual({ health: 'ok', problems: [] });
  });

  it('is critical when checks fail, the last backup or WAL is too old, or WAL is missing', () => {
    expect(codes(facts({ lastCheck: { ok: false, checkedAt: ago(1), failed: ['PostgreSQL', 'wal_level'] } }))).toEqual(['critical:checks_failed']);
    expect(assessServer(facts({ lastCheck: { ok: false, checkedAt: ago(1), failed: ['PostgreSQL', 'wal_level'] } }), now).problems[0]?.message).toBe(
      '2 checks failed: PostgreSQL, wal_level.',
    );
    const old = { backupId: 'x', status: 'DONE' as const, beginTime: ago(50), endTime: ago(49), size: 1 };
    expect(codes(facts({ lastAvailableBackup: old, lastBackup: old }))).toEqual(['critical:backup_too_old']);
    expect(codes(facts({ wal: { segments: 1, timelines: 1, missingSegments: 0, last: { name: 'n', archivedAt: ago(3) } } }))).toEqual(['critical:wal_too_old']);
    expect(codes(facts({ wal: { segments: 1, timelines: 1, missingSegments: 5, last: { name: 'n', archivedAt: ago(0) } } }))).toEqual(['critical:wal_gap']);
  });

  it('warns about what needs doing soon, and puts critical problems first', () => {
    const failed = { backupId: 'y', status: 'FAILED' as const, beginTime: ago(1), endTime: null, size: null };
    expect(codes(facts({ lastBackup: failed, lastCheck: null }))).toEqual(['warning:never_checked', 'warning:last_backup_failed']);
    expect(codes(facts({ streamingArchiver: false, lastCheck: { ok: false, checkedAt: ago(30), failed: ['x'] } }))).toEqual([
      'critical:checks_failed',
      'warning:checks_stale',
      'warning:no_archiving',
    ]);
    expect(assessServer(facts({ lastCheck: null }), now).health).toBe('warning');
  });

  it('treats a new server without backups as a warning, an old one as critical', () => {
    const none = { lastBackup: null, lastAvailableBackup: null, wal: { segments: 0, timelines: 0, missingSegments: 0, last: null } };
    expect(codes(facts({ ...none, createdAt: ago(2) }))).toEqual(['warning:no_backup', 'warning:no_wal']);
    expect(codes(facts({ ...none, createdAt: ago(48) }))).toEqual(['critical:no_backup', 'warning:no_wal']);
  });

  it('judges nothing on a disabled server', () => {
    expect(assessServer(facts({ enabled: false, lastCheck: { ok: false, checkedAt: ago(1), failed: ['x'] } }), now)).toEqual({ health: 'disabled', problems: [] });
  });
});

describe('compareFleet', () => {
  it('sorts trouble first, then the most problems, then by name', () => {
    const row = (name: string, health: 'critical' | 'warning' | 'ok' | 'disabled', problems = 0) => ({
      name,
      health,
      problems: Array.from({ length: problems }, () => ({ code: 'x', level: 'warning' as const, message: '' })),
    });
    const sorted = [row('a', 'ok'), row('b', 'disabled'), row('c', 'critical', 1), row('d', 'warning', 1), row('e', 'critical', 2)].sort(compareFleet);
    expect(sorted.map((r) => r.name)).toEqual(['e', 'c', 'd', 'a', 'b']);
  });
});
