import { formatLsn, parseLsn } from '../../pg/lsn';
import { segmentOfLsn, segmentStartLsn } from '../../pg/wal-name';
import { listStreamedFiles } from './list-streamed-files';
import { planResume, type ResumeOrigin, type TimelinePosition } from './resume-point';
import type { Session } from './session-types';

/**
 * Where this session starts, from the disk and the catalog (resume-point.ts has the rules). A
 * pending reset is carried out here: the new start is the server's current segment, recorded in
 * the catalog so that later starts never go back before it; what was on disk is stored as
 * partial segments, not thrown away.
 */
export async function planStart(s: Session, slot: TimelinePosition | null): Promise<TimelinePosition & { origin: ResumeOrigin }> {
  const { ctx, server, facts } = s;
  const row = await ctx.db.walReceiver.findUnique({ where: { serverId: server.id } });
  let floor = row?.resumeLsn ? { lsn: parseLsn(row.resumeLsn), timeline: row.resumeTimeline ?? 1 } : null;
  if (row?.resetRequested) {
    floor = { timeline: facts.timeline, lsn: segmentStartLsn(segmentOfLsn(facts.xlogpos, facts.segmentSize), facts.segmentSize) };
    await ctx.db.walReceiver.update({ where: { serverId: server.id }, data: { resetRequested: false, resumeLsn: formatLsn(floor.lsn), resumeTimeline: floor.timeline } });
    s.report.warn(`reset: streaming restarts at ${formatLsn(floor.lsn)} on timeline ${floor.timeline}; any WAL before it that the archive lacks will never be received, so take a new backup`);
  }
  // After a reset, segments of older timelines (a server rewound by PITR) are not a position.
  const lastStreamed = await ctx.db.walSegment.findFirst({
    where: { serverId: server.id, source: 'streaming', kind: 'segment', ...(floor ? { timeline: { gte: floor.timeline } } : {}) },
    orderBy: [{ segno: 'desc' }, { timeline: 'desc' }],
    select: { timeline: true, segno: true },
  });
  const files = await listStreamedFiles(s.dir, facts.segmentSize);
  const plan = planResume({ segmentSize: facts.segmentSize, files, lastStreamed, resetFloor: floor, slot, server: { timeline: facts.timeline, lsn: facts.xlogpos } });
  for (const p of [...plan.storeAsSegments, ...plan.storeAsPartials]) {
    const file = files.find((f) => f.name === p.name && f.complete === p.complete);
    if (file) s.store.enqueue({ path: file.path, name: file.name, timeline: file.timeline, segno: file.segno, complete: file.complete });
  }
  return plan.start;
}
