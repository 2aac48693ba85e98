import { readFile } from 'node:fs/promises';
import type { Ctx } from '../context';
import type { Compression } from '../db/generated/enums';
import type { Server } from '../db/generated/client';
import { parseLsn, type Lsn } from '../pg/lsn';
import { defaultWalSegmentSize, historyFileName } from '../pg/wal-name';
import { parseWalFileName } from '../wal/wal-file-name';
import { storedWalPath } from '../wal/wal-layout';
import { parseTimelineHistory, type HistoryEntry } from './timeline-history';

// What the recovery planner knows of a server, read once from the catalog (and the history
// files from the repository): the archived segments with their WAL index, timeline histories,
// restore points and backups. Everything after this is pure (recoverable-window.ts, plan-target.ts).

export type SegmentFact = {
  timeline: number;
  segno: bigint;
  name: string;
  size: number;
  codec: Compression;
  checksum: string;
  firstCommit: Date | null;
  lastCommit: Date | null;
  firstXid: bigint | null;
  lastXid: bigint | null;
  transactions: number;
  indexed: boolean;
};

export type BackupFact = {
  uuid: string;
  backupId: string;
  name: string | null;
  status: string;
  timeline: number;
  beginLsn: Lsn;
  endLsn: Lsn;
  endTime: Date;
  standalone: boolean;
  pgVersion: number | null;
};

export type RestorePointFact = { name: string; timeline: number; lsn: Lsn; time: Date; segment: string };

export type ArchiveFacts = {
  serverName: string;
  segmentSize: number;
  /** timeline → segno → segment */
  segments: Map<number, Map<bigint, SegmentFact>>;
  histories: Map<number, HistoryEntry[]>;
  historyFiles: string[];
  /** Completed backups (DONE and WAITING_FOR_WALS), newest first. */
  backups: BackupFact[];
  restorePoints: RestorePointFact[];
};

export async function loadArchiveFacts(ctx: Ctx, server: Server, root: string): Promise<ArchiveFacts> {
  const [rows, backups, points] = await Promise.all([
    ctx.db.walSegment.findMany({
      where: { serverId: server.id },
      select: { name: true, kind: true, timeline: true, segno: true, size: true, codec: true, checksum: true, firstCommit: true, lastCommit: true, firstXid: true, lastXid: true, commits: true, aborts: true, indexedAt: true },
      orderBy: [{ timeline: 'asc' }, { segno: 'asc' }],
    }),
    // A backup being deleted is never restored from (server/retention/delete-backup-completely.ts).
    ctx.db.backup.findMany({ where: { serverId: server.id, status: { in: ['DONE', 'WAITING_FOR_WALS'] }, deletingAt: null }, orderBy: { endTime: 'desc' } }),
    ctx.db.restorePoint.findMany({ where: { serverId: server.id }, orderBy: [{ timeline: 'asc' }, { lsn: 'asc' }] }),
  ]);
  const segmentSize = backups.find((b) => b.walSegmentSize)?.walSegmentSize ?? defaultWalSegmentSize;
  const segments = new Map<number, Map<bigint, SegmentFact>>();
  const historyFiles: string[] = [];
  for (const row of rows) {
    if (row.kind === 'history') historyFiles.push(row.name);
    if (row.kind !== 'segment') continue;
    let byNumber = segments.get(row.timeline);
    if (!byNumber) segments.set(row.timeline, (byNumber = new Map<bigint, SegmentFact>()));
    byNumber.set(row.segno, {
      timeline: row.timeline,
      segno: row.segno,
      name: row.name,
      size: Number(row.size),
      codec: row.codec,
      checksum: row.checksum,
      firstCommit: row.firstCommit,
      lastCommit: row.lastCommit,
      firstXid: row.firstXid,
      lastXid: row.lastXid,
      transactions: (row.commits ?? 0) + (row.aborts ?? 0),
      indexed: row.indexedAt !== null,
    });
  }
  const histories = new Map<number, HistoryEntry[]>();
  for (const name of historyFiles) {
    const timeline = Number.parseInt(name.slice(0, 8), 16);
    const text = await readFile(storedWalPath(root, server.name, parseWalFileName(name), 'none'), 'utf8');
    histories.set(timeline, parseTimelineHistory(text));
  }
  return {
    serverName: server.name,
    segmentSize,
    segments,
    histories,
    historyFiles,
    backups: backups
      .filter((b) => b.timeline !== null && b.endLsn && b.beginLsn && b.endTime)
      .map((b) => ({
        uuid: b.id,
        backupId: b.backupId,
        name: b.name,
        status: b.status,
        timeline: b.timeline ?? 1,
        beginLsn: parseLsn(b.beginLsn ?? '0/0'),
        endLsn: parseLsn(b.endLsn ?? '0/0'),
        endTime: b.endTime ?? new Date(0),
        standalone: b.standalone,
        pgVersion: b.pgVersion,
      })),
    restorePoints: points.map((p) => ({ name: p.name, timeline: p.timeline, lsn: parseLsn(p.lsn), time: p.time, segment: p.segment })),
  };
}

/** Every timeline the archive knows, from its segments and history files. */
export function knownTimelines(facts: ArchiveFacts): number[] {
  const all = new Set([...facts.segments.keys(), ...facts.histories.keys(), ...facts.backups.map((b) => b.timeline)]);
  return [...all].sort((a, b) => a - b);
}

export function historyOf(facts: ArchiveFacts, timeline: number): HistoryEntry[] {
  return facts.histories.get(timeline) ?? [];
}

export { historyFileName };
