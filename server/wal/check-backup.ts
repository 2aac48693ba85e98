import type { Ctx } from '../context';
import type { Backup } from '../db/generated/client';
import { parseWalSegmentName, walSegmentName } from '../pg/wal-name';
import { backupPaths } from '../backup/backup-layout';
import { updateBackupRecord } from '../backup/backup-record';

// Barman's check-backup: a backup WAITING_FOR_WALS becomes DONE once every segment from its
// begin_wal to its end_wal is archived, and FAILED as soon as one of them is missing below the
// newest archived segment of its timeline (it will never arrive). Until the archive reaches
// begin_wal it simply waits.

export type CheckBackupVerdict =
  { status: 'WAITING_FOR_WALS' } | { status: 'DONE' } | { status: 'FAILED'; error: string };

/** The verdict from the archived segment numbers of the backup's timeline (pure). */
export function judgeBackupWal(
  range: { timeline: number; begin: bigint; end: bigint; segmentSize: number },
  archived: ReadonlySet<bigint>,
  newest: bigint | null,
): CheckBackupVerdict {
  if (newest === null || newest < range.begin) return { status: 'WAITING_FOR_WALS' };
  const last = newest < range.end ? newest : range.end;
  for (let segno = range.begin; segno <= last; segno++) {
    if (!archived.has(segno)) {
      const name = walSegmentName({ timeline: range.timeline, segno }, range.segmentSize);
      return {
        status: 'FAILED',
        error: `At least one WAL file is missing. The first missing WAL file is ${name}.`,
      };
    }
  }
  return range.end <= newest ? { status: 'DONE' } : { status: 'WAITING_FOR_WALS' };
}

/** Applies check-backup to every WAITING_FOR_WALS backup of a server; returns the ones that changed. */
export async function checkWaitingBackups({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { serverId: string; root: string };
}): Promise<{ backupId: string; status: string }[]> {
  const waiting = await ctx.db.backup.findMany({
    where: { serverId: input.serverId, status: 'WAITING_FOR_WALS' },
    include: { server: { select: { name: true } } },
    orderBy: { backupId: 'asc' },
  });
  const changed: { backupId: string; status: string }[] = [];
  for (const backup of waiting) {
    const verdict = await verdictFor(ctx, backup);
    if (verdict.status === 'WAITING_FOR_WALS') continue;
    // backup.json first: the catalog can be rebuilt from it, so it must never lag behind.
    await updateBackupRecord(backupPaths(input.root, backup.server.name, backup.backupId).dir, {
      status: verdict.status,
    });
    await ctx.db.backup.update({
      where: { id: backup.id },
      data: { status: verdict.status, error: verdict.status === 'FAILED' ? verdict.error : null },
    });
    ctx.log.info({ backup: backup.backupId, status: verdict.status }, 'check-backup');
    changed.push({ backupId: backup.backupId, status: verdict.status });
  }
  return changed;
}

async function verdictFor(ctx: Ctx, backup: Backup): Promise<CheckBackupVerdict> {
  if (!backup.beginWal || !backup.endWal || !backup.timeline)
    return { status: 'FAILED', error: 'The backup records no WAL range; it cannot be checked.' };
  const segmentSize = backup.walSegmentSize ?? undefined;
  const begin = parseWalSegmentName(backup.beginWal, segmentSize).segno;
  const end = parseWalSegmentName(backup.endWal, segmentSize).segno;
  const where = { serverId: backup.serverId, kind: 'segment' as const, timeline: backup.timeline };
  const [rows, newest] = await Promise.all([
    ctx.db.walSegment.findMany({
      where: { ...where, segno: { gte: begin, lte: end } },
      select: { segno: true },
    }),
    ctx.db.walSegment.findFirst({ where, orderBy: { segno: 'desc' }, select: { segno: true } }),
  ]);
  return judgeBackupWal(
    { timeline: backup.timeline, begin, end, segmentSize: segmentSize ?? 16 * 1024 * 1024 },
    new Set(rows.map((r) => r.segno)),
    newest?.segno ?? null,
  );
}
