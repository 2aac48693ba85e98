import { readFile } from 'node:fs/promises';
import type { Ctx } from '../context';
import type { Server } from '../db/generated/client';
import { parseLsn, type Lsn } from '../pg/lsn';
import { defaultWalSegmentSize, historyFileName, segmentOfEndLsn, segmentOfLsn } from '../pg/wal-name';
import { parseWalFileName } from '../wal/wal-file-name';
import { storedWalPath } from '../wal/wal-layout';
import { loadPartials, type PartialFact } from './partial-facts';
import { BLOCK_SEGMENTS, blockOf, spanOfRow, type SegmentSpan } from './segment-spans';
import { parseTimelineHistory, type HistoryEntry } from './timeline-history';
import type { XidEnd } from './find-xid-ends';

// What the recovery planner knows of a server, read from the catalog (and the history files
// from the repository): the archived segments as spans (segment-spans.ts), timeline histories,
// restore points and backups. Everything after this is pure (recoverable-window.ts,
// plan-target.ts); when the planner needs a block in detail it asks for it (build-plan.ts).

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
  serverId: string;
  serverName: string;
  segmentSize: number;
  /** timeline → spans, in segment order. */
  spans: Map<number, SegmentSpan[]>;
  histories: Map<number, HistoryEntry[]>;
  historyFiles: string[];
  /** Completed backups (DONE and WAITING_FOR_WALS), newest first. */
  backups: BackupFact[];
  restorePoints: RestorePointFact[];
  /** <segment>.partial files: the incomplete last segment of a timeline, from a promotion. */
  partials: PartialFact[];
  /** The commit and abort records of one xid, read from the WAL when an xid target asked. */
  xidEnds?: { xid: bigint; ends: XidEnd[] };
};

/** Below this many segments every one is loaded: blocks only pay off for large archives. */
const loadAllBelow = 8192;

export async function loadArchiveFacts(ctx: Ctx, server: Server, root: string): Promise<ArchiveFacts> {
  const [blocks, backups, points, historyRows, partials] = await Promise.all([
    ctx.db.walSegmentBlock.findMany({ where: { serverId: server.id }, orderBy: [{ timeline: 'asc' }, { block: 'asc' }] }),
    // A backup being deleted is never restored from (server/retention/delete-backup-completely.ts).
    ctx.db.backup.findMany({ where: { serverId: server.id, status: { in: ['DONE', 'WAITING_FOR_WALS'] }, deletingAt: null }, orderBy: { endTime: 'desc' } }),
    ctx.db.restorePoint.findMany({ where: { serverId: server.id }, orderBy: [{ timeline: 'asc' }, { lsn: 'asc' }] }),
    ctx.db.walSegment.findMany({ where: { serverId: server.id, kind: 'history' }, select: { name: true }, orderBy: { name: 'asc' } }),
    loadPartials(ctx, server.id),
  ]);
  const segmentSize = backups.find((b) => b.walSegmentSize)?.walSegmentSize ?? defaultWalSegmentSize;
  const histories = new Map<number, HistoryEntry[]>();
  const historyFiles = historyRows.map((r) => r.name);
  for (const name of historyFiles) {
    const text = await readFile(storedWalPath(root, server.name, parseWalFileName(name), 'none'), 'utf8');
    histories.set(Number.parseInt(name.slice(0, 8), 16), parseTimelineHistory(text));
  }
  const facts: ArchiveFacts = {
    serverId: server.id,
    serverName: server.name,
    segmentSize,
    spans: new Map(),
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
    partials,
  };
  const everything = blocks.reduce((n, b) => n + b.segments, 0) <= loadAllBelow;
  const exact = focusBlocks(facts);
  const detailed = blocks.filter((b) => everything || b.segments < Number(BLOCK_SEGMENTS) || exact.has(b.block));
  const singles = await loadSegments(ctx, server.id, detailed.map((b) => ({ timeline: b.timeline, block: b.block })));
  const wanted = new Set(detailed.map((b) => `${b.timeline}/${b.block}`));
  for (const b of blocks) {
    if (wanted.has(`${b.timeline}/${b.block}`)) continue;
    add(facts, { timeline: b.timeline, from: b.firstSegno, to: b.lastSegno, bytes: Number(b.bytes), firstCommit: b.firstCommit, lastCommit: b.lastCommit, firstXid: b.firstXid, lastXid: b.lastXid, transactions: Number(b.transactions), unindexed: b.unindexed });
  }
  for (const span of singles) add(facts, span);
  for (const list of facts.spans.values()) list.sort((a, b) => (a.from < b.from ? -1 : 1));
  return facts;
}

/** Blocks where a recovery starts or changes timeline: spans must begin and end exactly there. */
function focusBlocks(facts: ArchiveFacts): Set<bigint> {
  const blocks = new Set<bigint>();
  for (const b of facts.backups) {
    blocks.add(blockOf(segmentOfLsn(b.beginLsn, facts.segmentSize)));
    blocks.add(blockOf(segmentOfEndLsn(b.endLsn, facts.segmentSize)));
  }
  for (const history of facts.histories.values()) for (const entry of history) blocks.add(blockOf(segmentOfLsn(entry.switchLsn, facts.segmentSize)));
  return blocks;
}

function add(facts: ArchiveFacts, span: SegmentSpan): void {
  let list = facts.spans.get(span.timeline);
  if (!list) facts.spans.set(span.timeline, (list = []));
  list.push(span);
}

/** The segments of the given blocks, one span each (index range scans, a few hundred blocks a query). */
async function loadSegments(ctx: Ctx, serverId: string, blocks: { timeline: number; block: bigint }[]): Promise<SegmentSpan[]> {
  const spans: SegmentSpan[] = [];
  for (let i = 0; i < blocks.length; i += 200) {
    const rows = await ctx.db.walSegment.findMany({
      where: { serverId, kind: 'segment', OR: blocks.slice(i, i + 200).map((b) => ({ timeline: b.timeline, segno: { gte: b.block * BLOCK_SEGMENTS, lt: (b.block + 1n) * BLOCK_SEGMENTS } })) },
      select: { timeline: true, segno: true, size: true, firstCommit: true, lastCommit: true, firstXid: true, lastXid: true, commits: true, aborts: true, indexedAt: true },
    });
    for (const r of rows) spans.push(spanOfRow(r));
  }
  return spans;
}

/** Replaces block spans by their segments, for the planner to look inside them. */
export async function expandSpans(ctx: Ctx, facts: ArchiveFacts, blocks: readonly SegmentSpan[]): Promise<void> {
  const singles = await loadSegments(ctx, facts.serverId, blocks.map((s) => ({ timeline: s.timeline, block: blockOf(s.from) })));
  for (const block of blocks) {
    const list = facts.spans.get(block.timeline) ?? [];
    const inside = singles.filter((s) => s.timeline === block.timeline && s.from >= block.from && s.to <= block.to);
    facts.spans.set(block.timeline, [...list.filter((s) => s !== block), ...inside].sort((a, b) => (a.from < b.from ? -1 : 1)));
  }
}

/** Every timeline the archive knows, from its segments and history files. */
export function knownTimelines(facts: ArchiveFacts): number[] {
  const all = new Set([...facts.spans.keys(), ...facts.histories.keys(), ...facts.backups.map((b) => b.timeline)]);
  return [...all].sort((a, b) => a - b);
}

export function historyOf(facts: ArchiveFacts, timeline: number): HistoryEntry[] {
  return facts.histories.get(timeline) ?? [];
}

export { historyFileName };
