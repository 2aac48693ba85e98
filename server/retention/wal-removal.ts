// Which WAL goes when a backup is deleted, exactly as Barman decides it (backup.py:
// should_remove_wals, get_timelines_to_protect, remove_wal_before_backup), pure:
//  - WAL is removed only when the deleted backup has no older backup, or when every older one
//    is kept standalone. In that last case a retention run protects each of those backups'
//    begin..end range and removes the rest; a manual delete removes nothing (Barman's choice).
//  - The bound is the next backup's begin_wal: everything from it onwards stays, which is what
//    point-in-time recovery from the oldest remaining backup needs. With no next backup, WAL
//    before the deleted backup's own begin_wal goes (backups are concurrent: a backup started
//    right after may still need the rest).
//  - Never removed: timeline history files, and anything on the timeline of another remaining
//    backup (other than the bound's own timeline).
// Names are compared as Barman compares them, as strings: a later timeline sorts after every
// segment of an earlier one, so WAL of a newer timeline is never below the bound.

export type WalBackup = {
  backupId: string;
  status: string;
  keep: string | null;
  timeline: number | null;
  beginWal: string | null;
  endWal: string | null;
};

export type WalRemovalPlan =
  | { remove: false; reason: string }
  | {
      remove: true;
      /** Files named at or after this stay. */
      keepFrom: string;
      /** The backup whose begin_wal is the bound. */
      boundBackupId: string;
      protectedTimelines: number[];
      /** Inclusive begin..end ranges of standalone-kept backups. */
      protectedRanges: [string, string][];
    };

/** Barman's "copy done" statuses: the backups that count as previous/next. */
const copyDone = new Set(['DONE', 'WAITING_FOR_WALS']);
/** Backups whose timelines are protected: those still archiving or done. */
const archiving = new Set(['STARTED', 'WAITING_FOR_WALS', 'DONE']);

const byId = (a: WalBackup, b: WalBackup) => (a.backupId < b.backupId ? -1 : a.backupId > b.backupId ? 1 : 0);

/**
 * `backups` are the server's backups as they are before the deletion, `deletedId` among them;
 * backups already being deleted must be left out by the caller.
 */
export function planWalRemoval(backups: readonly WalBackup[], deletedId: string, mode: 'retention' | 'manual'): WalRemovalPlan {
  const sorted = [...backups].sort(byId);
  const deleted = sorted.find((b) => b.backupId === deletedId);
  if (!deleted) throw new Error(`Backup ${deletedId} is not among the backups given.`);
  const older = sorted.filter((b) => b.backupId < deletedId && copyDone.has(b.status)).reverse();
  const protectedRanges: [string, string][] = [];
  for (const previous of older) {
    if (previous.keep !== 'standalone')
      return { remove: false, reason: `backup ${previous.backupId} is older and still needs every WAL after it` };
    if (mode === 'manual')
      return { remove: false, reason: `older backups are kept standalone; a manual delete leaves the WAL alone (retention cleans it)` };
    if (previous.beginWal && previous.endWal) protectedRanges.push([previous.beginWal, previous.endWal]);
  }
  const next = sorted.find((b) => b.backupId > deletedId && copyDone.has(b.status));
  const bound = next ?? deleted;
  if (!bound.beginWal) return { remove: false, reason: `backup ${bound.backupId} records no begin WAL` };
  const protectedTimelines = new Set<number>();
  for (const b of sorted) if (b.backupId !== deletedId && archiving.has(b.status) && b.timeline !== null) protectedTimelines.add(b.timeline);
  if (bound.timeline !== null) protectedTimelines.delete(bound.timeline);
  return {
    remove: true,
    keepFrom: bound.beginWal,
    boundBackupId: bound.backupId,
    protectedTimelines: [...protectedTimelines].sort((a, b) => a - b),
    protectedRanges: protectedRanges.reverse(),
  };
}

export type WalFileRef = { name: string; kind: 'segment' | 'history' | 'backup_history' | 'partial'; timeline: number };

/** Whether the plan removes this file. */
export function removes(plan: WalRemovalPlan, file: WalFileRef): boolean {
  if (!plan.remove || file.kind === 'history') return false;
  if (plan.protectedTimelines.includes(file.timeline)) return false;
  // A backup history file (<segment>.<offset>.backup) belongs to its segment for ranges.
  const segment = file.name.slice(0, 24);
  if (plan.protectedRanges.some(([begin, end]) => segment >= begin && segment <= end)) return false;
  return file.name < plan.keepFrom;
}

/** The files the plan removes, oldest first: an interrupted removal never leaves a hole. */
export function walFilesToRemove<T extends WalFileRef>(plan: WalRemovalPlan, files: readonly T[]): T[] {
  return files.filter((f) => removes(plan, f)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
