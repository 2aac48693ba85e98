import { describe, expect, it } from 'vitest';
import { parseRetentionPolicy } from './policy';
import { obsoleteOldestFirst, retentionReport, type ScoredBackup } from './retention-status';
import { generatedCatalogs, type CatalogCase } from './retention-test-catalogs';

const day = 86_400_000;
const now = new Date('2026-12-10T12:00:00Z');

/** A DONE backup that ended `daysAgo` days before now (ids follow the end times). */
function done(daysAgo: number, extra: Partial<ScoredBackup> = {}): ScoredBackup {
  const end = new Date(now.getTime() - daysAgo * day);
  const id = end.toISOString().replace(/[-:]/g, '').slice(0, 15);
  return { backupId: id, status: 'DONE', endTime: end, keep: null, ...extra };
}

function statuses(backups: ScoredBackup[], policy: string, minimum = 0): string[] {
  const report = retentionReport(backups, parseRetentionPolicy(policy), minimum, now);
  return [...backups].sort((a, b) => (a.backupId < b.backupId ? 1 : -1)).map((b) => report.verdicts.get(b.backupId)?.status ?? '?');
}

describe('REDUNDANCY n', () => {
  it('keeps the n newest DONE backups and marks the rest OBSOLETE', () => {
    expect(statuses([done(1), done(2), done(3), done(4)], 'REDUNDANCY 2')).toEqual(['VALID', 'VALID', 'OBSOLETE', 'OBSOLETE']);
  });

  it('scores only DONE backups: the others are "-" and use no slot', () => {
    const list = [done(0.5, { status: 'FAILED', endTime: null }), done(1), done(2, { status: 'WAITING_FOR_WALS' }), done(3), done(4)];
    expect(statuses(list, 'REDUNDANCY 2')).toEqual(['-', 'VALID', '-', 'VALID', 'OBSOLETE']);
  });

  it('shows kept backups as KEEP:* and lets them use up one of the n slots', () => {
    const list = [done(1, { keep: 'full' }), done(2), done(3), done(4, { keep: 'standalone' }), done(5)];
    expect(statuses(list, 'REDUNDANCY 2')).toEqual(['KEEP:FULL', 'VALID', 'OBSOLETE', 'KEEP:STANDALONE', 'OBSOLETE']);
  });

  it('treats an unknown keep target as full, for safety', () => {
    expect(statuses([done(1), done(2, { keep: 'something-else' })], 'REDUNDANCY 1')).toEqual(['VALID', 'KEEP:FULL']);
  });

  it('raises n to minimum_redundancy and says so', () => {
    const list = [done(1), done(2), done(3), done(4)];
    const report = retentionReport(list, parseRetentionPolicy('REDUNDANCY 1'), 3, now);
    expect(report.raisedTo).toBe(3);
    expect(statuses(list, 'REDUNDANCY 1', 3)).toEqual(['VALID', 'VALID', 'VALID', 'OBSOLETE']);
    expect(retentionReport(list, parseRetentionPolicy('REDUNDANCY 3'), 2, now).raisedTo).toBeNull();
  });

  it('reports nothing for an empty catalog and never marks fewer than n backups obsolete', () => {
    expect(retentionReport([], parseRetentionPolicy('REDUNDANCY 2'), 0, now).verdicts.size).toBe(0);
    expect(statuses([done(1)], 'REDUNDANCY 2')).toEqual(['VALID']);
  });
});

describe('RECOVERY WINDOW OF n DAYS|WEEKS|MONTHS', () => {
  it('keeps the first backup older than the window: daily backups and 3 days show 4 (Barman #274)', () => {
    const list = [0.9, 1.9, 2.9, 3.9, 4.9, 5.9].map((d) => done(d));
    expect(statuses(list, 'RECOVERY WINDOW OF 3 DAYS')).toEqual(['VALID', 'VALID', 'VALID', 'VALID', 'OBSOLETE', 'OBSOLETE']);
    const report = retentionReport(list, parseRetentionPolicy('RECOVERY WINDOW OF 3 DAYS'), 0, now);
    expect(report.pointOfRecoverability?.toISOString()).toBe('2026-12-07T12:00:00.000Z');
    expect(report.verdicts.get(list[3]?.backupId ?? '')?.reason).toMatch(/base needed to recover/);
  });

  it('keeps every backup inside the window', () => {
    expect(statuses([done(1), done(2), done(3)], 'RECOVERY WINDOW OF 1 WEEK')).toEqual(['VALID', 'VALID', 'VALID']);
  });

  it('keeps only the newest when all are older than the window', () => {
    expect(statuses([done(10), done(11), done(12)], 'RECOVERY WINDOW OF 2 DAYS')).toEqual(['VALID', 'OBSOLETE', 'OBSOLETE']);
  });

  it('marks backups kept for minimum_redundancy OBSOLETE* and the rest OBSOLETE', () => {
    const list = [done(10), done(11), done(12), done(13), done(14)];
    expect(statuses(list, 'RECOVERY WINDOW OF 2 DAYS', 3)).toEqual(['VALID', 'OBSOLETE*', 'OBSOLETE*', 'OBSOLETE', 'OBSOLETE']);
  });

  it('counts backups inside the window towards minimum_redundancy', () => {
    const list = [done(1), done(2), done(5), done(6), done(7)];
    expect(statuses(list, 'RECOVERY WINDOW OF 3 DAYS', 4)).toEqual(['VALID', 'VALID', 'VALID', 'OBSOLETE*', 'OBSOLETE']);
  });

  it('lets a kept backup be the base of the window, and counts kept backups for minimum_redundancy', () => {
    const list = [done(1), done(5, { keep: 'standalone' }), done(6), done(7, { keep: 'full' }), done(8), done(9)];
    expect(statuses(list, 'RECOVERY WINDOW OF 3 DAYS')).toEqual(['VALID', 'KEEP:STANDALONE', 'OBSOLETE', 'KEEP:FULL', 'OBSOLETE', 'OBSOLETE']);
    expect(statuses(list, 'RECOVERY WINDOW OF 3 DAYS', 4)).toEqual(['VALID', 'KEEP:STANDALONE', 'OBSOLETE*', 'KEEP:FULL', 'OBSOLETE', 'OBSOLETE']);
  });

  it('treats a backup that ended exactly at the point of recoverability as inside the window', () => {
    expect(statuses([done(3), done(4), done(5)], 'RECOVERY WINDOW OF 3 DAYS')).toEqual(['VALID', 'VALID', 'OBSOLETE']);
  });

  it('counts a month as 31 days and a week as 7', () => {
    expect(statuses([done(30.9), done(31.1), done(32)], 'RECOVERY WINDOW OF 1 MONTH')).toEqual(['VALID', 'VALID', 'OBSOLETE']);
    expect(statuses([done(13.9), done(14.1), done(15)], 'RECOVERY WINDOW OF 2 WEEKS')).toEqual(['VALID', 'VALID', 'OBSOLETE']);
  });

  it('ignores backups that are not DONE, even inside the window', () => {
    const list = [done(1, { status: 'STARTED', endTime: null }), done(5, { status: 'FAILED' }), done(6), done(7)];
    expect(statuses(list, 'RECOVERY WINDOW OF 3 DAYS')).toEqual(['-', '-', 'VALID', 'OBSOLETE']);
  });
});

describe('generated catalogs', () => {
  const cases: CatalogCase[] = generatedCatalogs(600, now);

  const ordered = (c: CatalogCase) => [...c.backups].sort((a, b) => (a.backupId < b.backupId ? 1 : -1));
  const applied = (c: CatalogCase) => {
    const report = retentionReport(c.backups, parseRetentionPolicy(c.policy), c.minimumRedundancy, now);
    const deleted = new Set(obsoleteOldestFirst(report));
    return { report, deleted, remaining: c.backups.filter((b) => !deleted.has(b.backupId)) };
  };

  it('scores DONE backups only, and never lets a kept backup go', () => {
    for (const c of cases) {
      const { report } = applied(c);
      for (const b of c.backups) {
        const status = report.verdicts.get(b.backupId)?.status;
        if (b.status !== 'DONE') expect(status, c.label).toBe('-');
        else if (b.keep) expect(status, c.label).toMatch(/^KEEP:/);
        else expect(['VALID', 'OBSOLETE', 'OBSOLETE*'], c.label).toContain(status);
      }
    }
  });

  it('never leaves fewer DONE backups than minimum_redundancy (or than there were)', () => {
    for (const c of cases) {
      const { remaining } = applied(c);
      const doneBefore = c.backups.filter((b) => b.status === 'DONE').length;
      const doneAfter = remaining.filter((b) => b.status === 'DONE').length;
      expect(doneAfter, c.label).toBeGreaterThanOrEqual(Math.min(doneBefore, c.minimumRedundancy));
      expect(doneAfter, c.label).toBeGreaterThanOrEqual(Math.min(doneBefore, 1));
    }
  });

  it('keeps the n newest DONE backups under REDUNDANCY n, and deletes only older ones', () => {
    for (const c of cases.filter((x) => x.policy.startsWith('REDUNDANCY'))) {
      const n = Math.max(Number(c.policy.split(' ')[1]), c.minimumRedundancy);
      const { deleted } = applied(c);
      const newest = ordered(c).filter((b) => b.status === 'DONE').slice(0, n);
      for (const b of newest) expect(deleted.has(b.backupId), c.label).toBe(false);
      const older = ordered(c).filter((b) => b.status === 'DONE').slice(n);
      for (const b of older) expect(deleted.has(b.backupId), c.label).toBe(!b.keep);
    }
  });

  it('can still recover to the point of recoverability after a window is applied', () => {
    for (const c of cases.filter((x) => x.policy.startsWith('RECOVERY'))) {
      const { report, remaining, deleted } = applied(c);
      const por = report.pointOfRecoverability?.getTime() ?? 0;
      const doneBefore = c.backups.filter((b) => b.status === 'DONE');
      for (const b of doneBefore) if ((b.endTime?.getTime() ?? 0) >= por) expect(deleted.has(b.backupId), c.label).toBe(false);
      if (doneBefore.some((b) => (b.endTime?.getTime() ?? 0) < por)) {
        const base = remaining.filter((b) => b.status === 'DONE' && (b.endTime?.getTime() ?? 0) < por);
        expect(base.length, c.label).toBeGreaterThan(0);
      }
    }
  });

  it('orders verdicts newest to oldest as VALID, then OBSOLETE*, then OBSOLETE', () => {
    const rank: Record<string, number> = { VALID: 0, 'OBSOLETE*': 1, OBSOLETE: 2 };
    for (const c of cases) {
      const { report } = applied(c);
      const ranks = ordered(c)
        .map((b) => rank[report.verdicts.get(b.backupId)?.status ?? ''])
        .filter((r): r is number => r !== undefined);
      expect(ranks, c.label).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it('is a fixed point: applied again, it deletes nothing more', () => {
    for (const c of cases) {
      const { remaining } = applied(c);
      const again = retentionReport(remaining, parseRetentionPolicy(c.policy), c.minimumRedundancy, now);
      expect(obsoleteOldestFirst(again), c.label).toEqual([]);
    }
  });
});
