import { describe, expect, it } from 'vitest';
import { walSegmentName } from '../pg/wal-name';
import { seededRandom } from './retention-test-catalogs';
import { planWalRemoval, walFilesToRemove, type WalBackup, type WalFileRef } from './wal-removal';

const seg = (timeline: number, segno: number) => walSegmentName({ timeline, segno: BigInt(segno) });

/** A backup on `timeline` covering segments begin..end; ids sort with begin. */
function backup(begin: number, end: number, extra: Partial<WalBackup> = {}): WalBackup {
  const timeline = extra.timeline ?? 1;
  return { backupId: `20261201T${String(begin).padStart(6, '0')}`, status: 'DONE', keep: null, timeline, beginWal: seg(timeline, begin), endWal: seg(timeline, end), ...extra };
}

function archive(timeline: number, from: number, to: number): WalFileRef[] {
  const files: WalFileRef[] = [];
  for (let s = from; s <= to; s++) files.push({ name: seg(timeline, s), kind: 'segment', timeline });
  return files;
}

const history = (timeline: number): WalFileRef => ({ name: `${timeline.toString(16).toUpperCase().padStart(8, '0')}.history`, kind: 'history', timeline });
const names = (files: WalFileRef[]) => files.map((f) => f.name);

describe('which WAL a deletion removes (Barman semantics)', () => {
  const a = backup(10, 11);
  const b = backup(20, 21);
  const c = backup(30, 31);
  const files = [...archive(1, 5, 35), history(2)];

  it('deleting the oldest backup removes the WAL before the next one, never a history file', () => {
    const plan = planWalRemoval([a, b, c], a.backupId, 'retention');
    expect(plan).toMatchObject({ remove: true, keepFrom: b.beginWal, boundBackupId: b.backupId });
    expect(names(walFilesToRemove(plan, files))).toEqual(names(archive(1, 5, 19)));
  });

  it('deleting a backup that has an older one removes no WAL: the older one needs all of it', () => {
    expect(planWalRemoval([a, b, c], b.backupId, 'retention')).toMatchObject({ remove: false });
    expect(planWalRemoval([a, b, c], c.backupId, 'manual')).toMatchObject({ remove: false });
    expect(planWalRemoval([{ ...a, keep: 'full' }, b], b.backupId, 'retention')).toMatchObject({ remove: false });
    expect(planWalRemoval([{ ...a, status: 'WAITING_FOR_WALS' }, b], b.backupId, 'retention')).toMatchObject({ remove: false });
  });

  it('ignores older FAILED backups', () => {
    const plan = planWalRemoval([{ ...a, status: 'FAILED' }, b, c], b.backupId, 'retention');
    expect(plan).toMatchObject({ remove: true, keepFrom: c.beginWal });
  });

  it('with only standalone-kept older backups: retention protects their ranges, a manual delete removes nothing', () => {
    const kept = { ...a, keep: 'standalone' };
    const plan = planWalRemoval([kept, b, c], b.backupId, 'retention');
    expect(plan).toMatchObject({ remove: true, keepFrom: c.beginWal, protectedRanges: [[a.beginWal, a.endWal]] });
    expect(names(walFilesToRemove(plan, files))).toEqual([...names(archive(1, 5, 9)), ...names(archive(1, 12, 29))]);
    expect(planWalRemoval([kept, b, c], b.backupId, 'manual')).toMatchObject({ remove: false });
  });

  it('with no next backup, removes only the WAL before the deleted backup’s own begin', () => {
    const plan = planWalRemoval([c], c.backupId, 'manual');
    expect(plan).toMatchObject({ remove: true, keepFrom: c.beginWal });
    expect(names(walFilesToRemove(plan, files))).toEqual(names(archive(1, 5, 29)));
  });

  it('skips FAILED and STARTED backups when looking for the next one', () => {
    const started = { ...backup(40, 40), status: 'STARTED', beginWal: null, endWal: null };
    const plan = planWalRemoval([a, { ...b, status: 'FAILED' }, c, started], a.backupId, 'retention');
    expect(plan).toMatchObject({ remove: true, keepFrom: c.beginWal });
  });

  it('never removes WAL of another remaining backup’s timeline, nor of a newer timeline', () => {
    const onTwo = backup(25, 26, { timeline: 2, backupId: '20261201T000026' });
    const plan = planWalRemoval([a, b, onTwo], a.backupId, 'retention');
    expect(plan).toMatchObject({ remove: true, keepFrom: b.beginWal, protectedTimelines: [2] });
    const mixed = [...archive(1, 5, 30), ...archive(2, 3, 30), ...archive(3, 1, 2)];
    expect(names(walFilesToRemove(plan, mixed))).toEqual(names(archive(1, 5, 19)));
  });

  it('removes WAL of an older timeline below a bound on a newer one', () => {
    const onTwo = backup(25, 26, { timeline: 2 });
    const plan = planWalRemoval([a, onTwo], a.backupId, 'retention');
    const mixed = [...archive(1, 5, 30), ...archive(2, 20, 30), history(2)];
    expect(names(walFilesToRemove(plan, mixed))).toEqual([...names(archive(1, 5, 30)), ...names(archive(2, 20, 24))]);
  });

  it('treats a backup history file as part of its segment', () => {
    const kept = { ...a, keep: 'standalone' };
    const plan = planWalRemoval([kept, b, c], b.backupId, 'retention');
    const label = (s: number): WalFileRef => ({ name: `${seg(1, s)}.00000028.backup`, kind: 'backup_history', timeline: 1 });
    expect(names(walFilesToRemove(plan, [label(10), label(20), label(30)]))).toEqual([label(20).name]);
  });

  it('lists what it removes oldest first', () => {
    const plan = planWalRemoval([a, b], a.backupId, 'retention');
    const shuffled = [...archive(1, 5, 19)].reverse();
    expect(names(walFilesToRemove(plan, shuffled))).toEqual(names(archive(1, 5, 19)));
  });
});

describe('generated catalogs: what stays is what the remaining backups need', () => {
  it('keeps every WAL file from each remaining non-standalone backup’s begin on, and each kept range', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const random = seededRandom(seed);
      const count = 1 + Math.floor(random() * 8);
      const backups: WalBackup[] = [];
      let segno = 2 + Math.floor(random() * 5);
      for (let i = 0; i < count; i++) {
        const status = ['DONE', 'DONE', 'DONE', 'WAITING_FOR_WALS', 'FAILED'][Math.floor(random() * 5)] ?? 'DONE';
        const keep = status === 'DONE' ? ([null, null, 'full', 'standalone'][Math.floor(random() * 4)] ?? null) : null;
        const length = Math.floor(random() * 3);
        backups.push(backup(segno, segno + length, { status, keep, backupId: `20261201T${String(segno).padStart(6, '0')}` }));
        segno += length + 1 + Math.floor(random() * 6);
      }
      const files = [...archive(1, 1, segno + 3), history(2)];
      const deleted = backups[Math.floor(random() * backups.length)] as WalBackup;
      const mode = random() < 0.5 ? 'retention' : 'manual';
      const removed = new Set(names(walFilesToRemove(planWalRemoval(backups, deleted.backupId, mode), files)));
      const label = `seed ${seed}, deleting ${deleted.backupId} (${mode})`;
      expect(removed.has(history(2).name), label).toBe(false);
      for (const b of backups) {
        if (b === deleted || b.status === 'FAILED') continue;
        const needed = b.keep === 'standalone' ? files.filter((f) => f.name >= (b.beginWal ?? '') && f.name <= (b.endWal ?? '')) : files.filter((f) => f.name >= (b.beginWal ?? ''));
        for (const f of needed) expect(removed.has(f.name), `${label}: ${f.name} needed by ${b.backupId}`).toBe(false);
      }
    }
  });
});
