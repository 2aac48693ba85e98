import { forEachLimited } from '../async/for-each-limited';
import type { Ctx } from '../context';
import { loadArchiveFacts } from '../recovery/archive-facts';
import { latestTimeline, timelineWindow } from '../recovery/recoverable-window';
import { gauge } from './collect-server-metrics';
import type { MetricFamily, MetricSample } from './prometheus-text';

// The recoverable window of each enabled server on its latest timeline, as the PITR wizard
// shows it: from the end of the earliest usable backup to the last transaction the archive
// reaches without a gap. A few servers at a time: each reads its archive's block summaries.

const concurrency = 4;

type Window = { server: string; start: Date; end: Date | null };

export async function collectWindowMetrics(ctx: Ctx, root: string): Promise<MetricFamily[]> {
  const servers = await ctx.db.server.findMany({ where: { enabled: true }, orderBy: { name: 'asc' } });
  const windows: Window[] = [];
  await forEachLimited(servers, concurrency, async (server) => {
    const facts = await loadArchiveFacts(ctx, server, root);
    const timeline = latestTimeline(facts);
    if (timeline === null) return;
    const ranges = timelineWindow(facts, timeline, 1).ranges;
    const first = ranges[0];
    const last = ranges.at(-1);
    if (!first || !last) return;
    windows.push({ server: server.name, start: new Date(first.earliestTime), end: last.latestTime ? new Date(last.latestTime) : null });
  });
  windows.sort((a, b) => a.server.localeCompare(b.server));
  const sample = (w: Window, at: Date): MetricSample => ({ labels: { server: w.server }, value: at.getTime() / 1000 });
  const ended = windows.filter((w): w is Window & { end: Date } => w.end !== null);
  return [
    gauge('cellar_server_recovery_window_start_timestamp_seconds', 'Earliest point a restore can reach on the latest timeline (the end of the earliest usable backup), Unix seconds.', windows.map((w) => sample(w, w.start))),
    gauge('cellar_server_recovery_window_end_timestamp_seconds', 'Latest transaction a restore can reach on the latest timeline, from the WAL archive without a gap, Unix seconds.', ended.map((w) => sample(w, w.end))),
  ];
}
