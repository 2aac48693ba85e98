import type { Ctx } from '../../context';
import type { Server } from '../../db/generated/client';
import { formatLsn } from '../../pg/lsn';
import { buildTimelineHistory, parseTimelineHistoryRow } from '../../pg/replication-commands';
import { historyFileName, segmentOfLsn, segmentStartLsn } from '../../pg/wal-name';
import { ensureServerIdentity } from '../../repository/server-identity';
import { serverDir } from '../../backup/backup-layout';
import { storeWalFile } from '../store-wal-file';
import { streamingDir } from '../wal-layout';
import { ensureSlot, requireSlotName } from './ensure-slot';
import { LagTracker } from './lag-tracker';
import { planStart } from './plan-start';
import { openReplication, readReplicationFacts } from './replication-connection';
import { defaultTimings, type ReceiverTimings, type Session, type SessionReport } from './session-types';
import { SpareSegment } from './spare-segment';
import { streamTimeline } from './stream-timeline';
import type { StreamedFileStore } from './streamed-file-store';

// One receiver session for one server: connect, identify the cluster (the repository's
// identity.json must agree), make sure of the slot, decide where to start, then stream timeline
// after timeline until asked to stop. Any failure ends the session with an error; the supervisor
// reconnects with backoff and the next session resumes from what is on disk and in the catalog.

export type ReceiveWalOptions = {
  ctx: Ctx;
  root: string;
  server: Server;
  store: StreamedFileStore;
  report: SessionReport;
  signal: AbortSignal;
  timings?: Partial<ReceiverTimings>;
};

export async function receiveWal(options: ReceiveWalOptions): Promise<void> {
  const { ctx, root, server } = options;
  const slotName = requireSlotName(server);
  const client = await openReplication(server);
  let spare: SpareSegment | undefined;
  try {
    const facts = await readReplicationFacts(client);
    await ensureServerIdentity(serverDir(root, server.name), { systemid: facts.systemId, version: facts.major });
    await ctx.db.server.update({ where: { id: server.id }, data: { pgVersion: facts.versionNum, ...(server.systemId ? {} : { systemId: facts.systemId }) } });
    const dir = streamingDir(root, server.name);
    spare = new SpareSegment(dir, facts.segmentSize, (error) => ctx.log.warn({ err: error, server: server.name }, 'the next WAL segment file could not be made ahead of time (it is created when needed)'));
    const session: Session = {
      ...options,
      slotName,
      client,
      facts,
      dir,
      spare,
      lag: new LagTracker(),
      timings: { ...defaultTimings, ...options.timings },
    };
    const slot = await ensureSlot(client, server, facts.major, (message) => ctx.log.info({ server: server.name }, message));
    const start = await planStart(session, slot);
    void spare.prepare();
    let { timeline, lsn } = start;
    ctx.log.info({ server: server.name, timeline, start: formatLsn(lsn), origin: start.origin }, 'WAL receiver starts streaming');
    while (!options.signal.aborted) {
      await ensureHistoryStored(session, timeline);
      const next = await streamTimeline(session, timeline, lsn);
      if (next === 'stopped') return;
      if (next === null) throw new Error(`${server.name} ended the WAL stream (is it shutting down?)`);
      ctx.log.info({ server: server.name, from: timeline, to: next.nextTimeline, at: formatLsn(next.nextTimelineStart) }, 'WAL receiver follows a timeline switch');
      timeline = next.nextTimeline;
      // The new timeline's file of the switch segment holds the old timeline's bytes before the
      // switch point too: it is streamed from its start, as the server has it.
      lsn = segmentStartLsn(segmentOfLsn(next.nextTimelineStart, facts.segmentSize), facts.segmentSize);
    }
  } finally {
    await client.end().catch(() => undefined);
    await spare?.close();
  }
}

/** `<timeline>.history` goes into the archive before any WAL of that timeline. */
async function ensureHistoryStored(s: Session, timeline: number): Promise<void> {
  if (timeline === 1) return;
  const name = historyFileName(timeline);
  const stored = await s.ctx.db.walSegment.findUnique({ where: { serverId_name: { serverId: s.server.id, name } }, select: { id: true } });
  if (stored) return;
  const history = parseTimelineHistoryRow((await s.client.query(buildTimelineHistory(timeline))).rows[0]);
  await storeWalFile({ ctx: s.ctx, root: s.root, input: { server: s.server, name: history.name, content: history.content, source: 'streaming' } });
}
