import { describe, expect, it } from 'vitest';
import { alertRuleKinds } from '../../contracts/alerts';
import { toSetting } from '../rule-settings';
import type { GlobalFacts, RuleSettings, ServerFacts } from '../types';
import { evaluateGlobalRules, evaluateServerRules } from './evaluate-rules';

const now = new Date('2026-12-06T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const settings = (): RuleSettings =>
  Object.fromEntries(alertRuleKinds.map((k) => [k, toSetting(k, undefined)])) as RuleSettings;

function facts(over: Partial<ServerFacts> = {}, server: Partial<ServerFacts['server']> = {}): ServerFacts {
  return {
    server: {
      id: '11111111-1111-4111-8111-111111111111',
      name: 'db1',
      lastBackupMaximumAge: null,
      lastBackupMinimumSize: null,
      lastWalMaximumAge: null,
      ...server,
    },
    catalog: {
      lastBackup: {
        backupId: '20261206T000000',
        status: 'DONE',
        endTime: hoursAgo(12),
        size: 5_000_000n,
        beginWal: '000000010000000000000010',
        endWal: '000000010000000000000010',
        timeline: 1,
      },
      failedBackups: 0,
      doneBackups: 1,
      newestWalSinceBackup: hoursAgo(1),
      walBytesAfterBackup: 0n,
    },
    gaps: [],
    oldestBeginWal: '000000010000000000000010',
    errorFiles: [],
    latestRuns: [],
    failedVerifications: [],
    latestCheck: null,
    receiver: null,
    ...over,
  };
}

const rulesOf = (f: ServerFacts, s = settings()) => evaluateServerRules(f, s, now).map((x) => x.rule);

const streaming = (
  over: Partial<NonNullable<ServerFacts['receiver']>> = {},
): NonNullable<ServerFacts['receiver']> => ({
  wanted: true,
  streamingArchiver: true,
  stopRequested: false,
  resetRequested: false,
  state: 'running',
  stale: false,
  slotName: 'cellar',
  timeline: 1,
  receivedLsn: '0/3000000',
  flushedLsn: '0/3000000',
  serverLsn: '0/3000000',
  lagBytes: 0,
  lagSeconds: 0,
  lastError: null,
  lastErrorAt: null,
  ownerHost: 'w1',
  ownerPid: 42,
  startedAt: hoursAgo(2).toISOString(),
  heartbeatAt: now.toISOString(),
  ...over,
});

describe('receiver rules', () => {
  it('a streaming receiver keeping up, or one stopped on purpose, opens nothing', () => {
    expect(rulesOf(facts({ receiver: streaming() }))).toEqual([]);
    expect(
      rulesOf(facts({ receiver: streaming({ wanted: false, stopRequested: true, state: 'stopped' }) })),
    ).toEqual([]);
  });

  it('receiver_down: no receiver process reports, or it stopped on an error', () => {
    const stale = evaluateServerRules(
      facts({ receiver: streaming({ stale: true, heartbeatAt: hoursAgo(1).toISOString() }) }),
      settings(),
      now,
    );
    expect(stale.map((f) => f.rule)).toEqual(['receiver_down']);
    expect(stale[0]?.summary).toMatch(/no receiver process has reported since/);
    const failed = evaluateServerRules(
      facts({
        receiver: streaming({ state: 'error', lastError: 'replication slot "cellar" does not exist' }),
      }),
      settings(),
      now,
    );
    expect(failed[0]?.summary).toMatch(/stopped on an error: replication slot "cellar" does not exist/);
  });

  it('receiver_lag: flushed WAL behind the server past the threshold, which an admin may change', () => {
    const behind = facts({ receiver: streaming({ lagSeconds: 90, lagBytes: 5_000_000 }) });
    expect(rulesOf(behind)).toEqual(['receiver_lag']);
    const relaxed = settings();
    relaxed.receiver_lag = { ...relaxed.receiver_lag, params: { maxLagSeconds: 120 } };
    expect(rulesOf(behind, relaxed)).toEqual([]);
    // A stale receiver's last lag figure means nothing: it is down, not lagging.
    expect(rulesOf(facts({ receiver: streaming({ lagSeconds: 90, stale: true }) }))).toEqual([
      'receiver_down',
    ]);
  });
});

describe('server rules', () => {
  it('a healthy server with every threshold met has no finding', () => {
    expect(
      rulesOf(
        facts(
          {},
          { lastBackupMaximumAge: '1 day', lastBackupMinimumSize: 1000n, lastWalMaximumAge: '2 hours' },
        ),
      ),
    ).toEqual([]);
  });

  it('thresholds that are not set never open anything, even with no backup at all', () => {
    expect(
      rulesOf(facts({ catalog: { ...facts().catalog, lastBackup: null, newestWalSinceBackup: null } })),
    ).toEqual([]);
  });

  it('backup_age: older than last_backup_maximum_age, or no backup at all', () => {
    const old = evaluateServerRules(facts({}, { lastBackupMaximumAge: '6 hours' }), settings(), now);
    expect(old).toEqual([
      expect.objectContaining({
        rule: 'backup_age',
        subjectKey: '11111111-1111-4111-8111-111111111111',
        subject: 'db1',
      }),
    ]);
    expect(old[0]?.summary).toMatch(/12 hours old; last_backup_maximum_age is 6 hours/);
    const none = facts(
      { catalog: { ...facts().catalog, lastBackup: null } },
      { lastBackupMaximumAge: '1 day' },
    );
    expect(evaluateServerRules(none, settings(), now)[0]?.summary).toMatch(/No backup of db1 yet/);
    expect(rulesOf(facts({}, { lastBackupMaximumAge: 'soon' }))).toEqual([]);
  });

  it('backup_size: the last backup below last_backup_minimum_size; nothing without a backup', () => {
    expect(rulesOf(facts({}, { lastBackupMinimumSize: 10_000_000n }))).toEqual(['backup_size']);
    expect(
      rulesOf(facts({ catalog: { ...facts().catalog, lastBackup: null } }, { lastBackupMinimumSize: 10n })),
    ).toEqual([]);
  });

  it('wal_age: newest WAL since the last backup began too old, or none at all', () => {
    expect(rulesOf(facts({}, { lastWalMaximumAge: '1 hour' }))).toEqual([]);
    expect(
      rulesOf(
        facts(
          { catalog: { ...facts().catalog, newestWalSinceBackup: hoursAgo(3) } },
          { lastWalMaximumAge: '2 hours' },
        ),
      ),
    ).toEqual(['wal_age']);
    const none = evaluateServerRules(
      facts(
        { catalog: { ...facts().catalog, newestWalSinceBackup: null } },
        { lastWalMaximumAge: '2 hours' },
      ),
      settings(),
      now,
    );
    expect(none[0]?.summary).toMatch(/No WAL of db1 archived since its last backup/);
  });

  it('wal_gaps: only gaps that reach the oldest backup that needs its WAL', () => {
    const before = {
      timeline: 1,
      from: '000000010000000000000002',
      to: '000000010000000000000003',
      missing: 2,
    };
    const after = {
      timeline: 1,
      from: '000000010000000000000012',
      to: '000000010000000000000012',
      missing: 1,
    };
    expect(rulesOf(facts({ gaps: [before] }))).toEqual([]);
    const found = evaluateServerRules(facts({ gaps: [before, after] }), settings(), now);
    expect(found.map((f) => f.rule)).toEqual(['wal_gaps']);
    expect(found[0]?.summary).toMatch(
      /^1 WAL segment of db1 missing in 1 gap, first 000000010000000000000012:/,
    );
    expect(rulesOf(facts({ gaps: [before], oldestBeginWal: null }))).toEqual(['wal_gaps']);
  });

  it('wal_conflict: anything in errors/, duplicates named as such', () => {
    const found = evaluateServerRules(
      facts({ errorFiles: ['000000010000000000000011.20261206T110000Z.42.duplicate'] }),
      settings(),
      now,
    );
    expect(found[0]).toMatchObject({ rule: 'wal_conflict' });
    expect(found[0]?.summary).toMatch(/duplicates: 1.*different file arrived/);
  });

  it('backup_failed and restore_failed: the latest run of the kind failed', () => {
    const failed = (kind: string) => ({
      id: 'r',
      kind,
      status: 'failed' as const,
      error: 'connection refused',
      finishedAt: hoursAgo(1),
    });
    expect(rulesOf(facts({ latestRuns: [failed('backup.run')] }))).toEqual(['backup_failed']);
    expect(rulesOf(facts({ latestRuns: [{ ...failed('backup.run'), status: 'succeeded' }] }))).toEqual([]);
    const restores = evaluateServerRules(
      facts({ latestRuns: [failed('restore.run'), failed('restore.verify')] }),
      settings(),
      now,
    );
    expect(restores.map((f) => [f.rule, f.subject])).toEqual([
      ['restore_failed', 'db1 · restore'],
      ['restore_failed', 'db1 · restore verification'],
    ]);
  });

  it('verify_failed: one per backup that failed verification', () => {
    const found = evaluateServerRules(
      facts({
        failedVerifications: [{ backupUuid: 'b1', backupId: '20261201T000000', verifiedAt: hoursAgo(2) }],
      }),
      settings(),
      now,
    );
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'verify_failed',
        subjectKey: '11111111-1111-4111-8111-111111111111/backup:b1',
        subject: 'db1 · backup 20261201T000000',
      }),
    ]);
  });

  it('check_failing: one per failed check, except those with a rule of their own', () => {
    const latestCheck = {
      checkedAt: hoursAgo(0.1),
      results: [
        { name: 'PostgreSQL', status: 'OK' as const },
        { name: 'wal_level', status: 'FAILED' as const, hint: 'set it to replica' },
        { name: 'backup maximum age', status: 'FAILED' as const },
        { name: 'archiver errors', status: 'FAILED' as const },
      ],
    };
    const found = evaluateServerRules(facts({ latestCheck }), settings(), now);
    expect(found.map((f) => f.subject)).toEqual(['db1 · wal_level']);
    expect(found[0]?.summary).toBe('Check "wal_level" of db1 failed: set it to replica.');
  });

  it('a rule turned off gives nothing', () => {
    const s = settings();
    s.backup_failed.enabled = false;
    expect(
      rulesOf(
        facts({
          latestRuns: [{ id: 'r', kind: 'backup.run', status: 'failed', error: null, finishedAt: now }],
        }),
        s,
      ),
    ).toEqual([]);
  });
});

describe('global rules', () => {
  const base: GlobalFacts = {
    space: { path: '/repo', totalBytes: 1000, freeBytes: 500 },
    spaceError: null,
    forecast: null,
    channels: [],
  };

  it('repository_free_space: below the threshold percentage', () => {
    expect(evaluateGlobalRules(base, settings())).toEqual([]);
    const low = evaluateGlobalRules(
      { ...base, space: { path: '/repo', totalBytes: 1000, freeBytes: 50 } },
      settings(),
    );
    expect(low).toEqual([
      expect.objectContaining({ rule: 'repository_free_space', subjectKey: 'repository', serverId: null }),
    ]);
    expect(low[0]?.summary).toMatch(/\(5\.0%\), below 10%/);
  });

  it('repository_forecast: fewer days left than the threshold; nothing while shrinking', () => {
    const forecast = { bytesPerDay: 100, daysLeft: 5, samples: 10, spanHours: 48 };
    expect(evaluateGlobalRules({ ...base, forecast }, settings()).map((f) => f.rule)).toEqual([
      'repository_forecast',
    ]);
    expect(evaluateGlobalRules({ ...base, forecast: { ...forecast, daysLeft: 30 } }, settings())).toEqual([]);
    expect(evaluateGlobalRules({ ...base, forecast: { ...forecast, daysLeft: null } }, settings())).toEqual(
      [],
    );
  });

  it('channel_failing: while the last attempt failed', () => {
    const channel = {
      id: 'c1',
      name: 'pager',
      enabled: true,
      lastSuccessAt: hoursAgo(2),
      lastFailureAt: hoursAgo(1),
      lastError: 'HTTP 500',
      consecutiveFailures: 2,
    };
    expect(evaluateGlobalRules({ ...base, channels: [channel] }, settings())).toEqual([
      expect.objectContaining({ rule: 'channel_failing', subjectKey: 'channel:c1' }),
    ]);
    expect(
      evaluateGlobalRules({ ...base, channels: [{ ...channel, lastSuccessAt: now }] }, settings()),
    ).toEqual([]);
    expect(evaluateGlobalRules({ ...base, channels: [{ ...channel, enabled: false }] }, settings())).toEqual(
      [],
    );
  });
});
