import { formatLsn, type Lsn } from '../../pg/lsn';
import { buildStartReplication } from '../../pg/replication-commands';
import type { TimelineSwitch } from '../../pg/replication-messages';
import { startReplicationStream, type ReplicationStream, type WalSink } from '../../pg/replication-stream';
import { listStreamedFiles } from './list-streamed-files';
import { PartialSegmentWriter, WalGapError } from './partial-segment-writer';
import type { Session } from './session-types';

// One START_REPLICATION on one timeline: WAL into .partial files, a flush after each socket
// read and a status update that reports only what the flush made durable, a status update
// asking for an answer every statusIntervalMs, and the connection given up when the server
// stays silent. Returns how the timeline ended, or 'stopped' when the session was asked to stop.

export async function streamTimeline(s: Session, timeline: number, start: Lsn): Promise<TimelineSwitch | null | 'stopped'> {
  const { facts, store, lag, timings } = s;
  const writer = new PartialSegmentWriter({ dir: s.dir, timeline, segmentSize: facts.segmentSize, start, spare: s.spare, onClosed: (file) => store.enqueue(file) });
  let lastStatusAt = 0;
  // The sink runs only once messages arrive, after `stream` below exists.
  const sendStatus = (replyRequested = false) => {
    stream.sendStatus({ written: writer.written, flushed: writer.flushed, applied: 0n, replyRequested });
    lastStatusAt = Date.now();
  };
  const sink: WalSink = {
    data(at, bytes, serverEnd, serverTime) {
      lag.observe(serverEnd, serverTime.getTime());
      return writer.write(at, bytes);
    },
    keepalive(serverEnd, serverTime, replyRequested) {
      lag.observe(serverEnd, serverTime.getTime());
      if (replyRequested) sendStatus();
    },
    idle() {
      if (writer.flushed === writer.received) return;
      writer.flush();
      sendStatus();
    },
  };
  const stream: ReplicationStream = startReplicationStream(s.client, buildStartReplication({ slotName: s.slotName, start, timeline }), sink);
  s.report.streaming({ timeline, slotName: s.slotName, start });
  const report = () => s.report.progress({ timeline, received: writer.received, flushed: writer.flushed, serverEnd: lag.serverEnd, lagBytes: lag.lagBytes(writer.flushed), lagMs: lag.lagMs(writer.flushed, Date.now()) });
  const timer = setInterval(() => {
    if (Date.now() - lastStatusAt >= timings.statusIntervalMs) sendStatus(true);
    if (stream.silentForMs() > timings.silenceTimeoutMs)
      stream.fail(new Error(`${s.server.name} sent nothing for ${Math.round(timings.silenceTimeoutMs / 1000)} s, not even a keepalive: the connection is taken as lost`));
    report();
  }, 1000);
  const onAbort = () => void stream.stop();
  s.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const next = await stream.done;
    if (next) await endTimeline(s, writer, timeline, next);
    else writer.close();
    report();
    return next;
  } catch (error) {
    // Whatever was written stays in its .partial, synced, for the next start to resume.
    try {
      writer.close();
    } catch {
      // The error that ended the stream is the one to report.
    }
    if (s.signal.aborted && !(error instanceof WalGapError)) return 'stopped';
    throw error;
  } finally {
    clearInterval(timer);
    s.signal.removeEventListener('abort', onAbort);
  }
}

/** The server moved to a new timeline: the old one's last segment is kept as a partial segment. */
async function endTimeline(s: Session, writer: PartialSegmentWriter, timeline: number, next: TimelineSwitch): Promise<void> {
  if (next.nextTimeline <= timeline)
    throw new Error(`${s.server.name} ended timeline ${timeline} and named ${next.nextTimeline} as the next one, which is not newer.`);
  if (next.nextTimelineStart > writer.received)
    throw new WalGapError(`${s.server.name} stopped timeline ${timeline} at ${formatLsn(writer.received)} but says timeline ${next.nextTimeline} begins at ${formatLsn(next.nextTimelineStart)}: the WAL in between would be missing.`);
  writer.endTimeline();
  // A .partial resumed on the old timeline but not written to again (the switch was at its start).
  for (const file of await listStreamedFiles(s.dir, s.facts.segmentSize))
    if (file.timeline === timeline && !file.complete) s.store.enqueue({ path: file.path, name: file.name, timeline, segno: file.segno, complete: false });
}
