import type { TimelineWindowView } from '@/server/contracts/recovery';

// The recoverable window of one timeline laid out on a time axis (pure): what is reachable,
// the gaps that cut it, restore points, backups' consistency points, timeline switches and the
// transaction activity, all in epoch milliseconds.

export type AxisRange = { from: number; to: number; backupId: string };
export type AxisGap = { from: number; to: number; label: string };
export type AxisPoint = { at: number; name: string; lsn: string; reachable: boolean };
export type AxisBackup = {
  at: number;
  backupId: string;
  name: string | null;
  lsn: string;
  usable: boolean;
  reason: string | null;
};
export type AxisSwitch = { at: number; timeline: number; lsn: string; exact: boolean };
export type AxisBucket = { from: number; to: number; transactions: number };

export type AxisModel = {
  timeline: number;
  start: number;
  end: number;
  ranges: AxisRange[];
  gaps: AxisGap[];
  restorePoints: AxisPoint[];
  backups: AxisBackup[];
  switches: AxisSwitch[];
  activity: AxisBucket[];
  maxTransactions: number;
};

const ms = (iso: string) => new Date(iso).getTime();

export function parseLsnText(lsn: string): bigint {
  const [hi = '0', lo = '0'] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/** Segment order across timelines: the log and segment digits, without the timeline. */
const segmentOrder = (name: string) => name.slice(8);

export function axisModel(tl: TimelineWindowView): AxisModel | null {
  const ranges = tl.ranges.map((r) => ({
    from: ms(r.earliestTime),
    to: ms(r.latestTime ?? r.earliestTime),
    backupId: r.backupId,
  }));
  const backups = tl.backups.map((b) => ({
    at: ms(b.endTime),
    backupId: b.backupId,
    name: b.name,
    lsn: b.endLsn,
    usable: b.usable,
    reason: b.reason,
  }));
  const restorePoints = tl.restorePoints.map((p) => ({
    at: ms(p.time),
    name: p.name,
    lsn: p.lsn,
    reachable: p.reachable,
  }));
  const activity = tl.activity.map((a) => ({ from: ms(a.from), to: ms(a.to), transactions: a.transactions }));
  const times = [
    ...ranges.flatMap((r) => [r.from, r.to]),
    ...backups.map((b) => b.at),
    ...restorePoints.map((p) => p.at),
    ...activity.flatMap((a) => [a.from, a.to]),
  ];
  if (times.length === 0) return null;
  let start = Math.min(...times);
  let end = Math.max(...times);
  if (end - start < 10_000) {
    const middle = (start + end) / 2;
    [start, end] = [middle - 5_000, middle + 5_000];
  }
  const pad = (end - start) * 0.03;
  start -= pad;
  end += pad;
  return {
    timeline: tl.timeline,
    start,
    end,
    ranges,
    gaps: placeGaps(tl, end),
    restorePoints,
    backups,
    switches: placeSwitches(tl),
    activity,
    maxTransactions: Math.max(1, ...activity.map((a) => a.transactions)),
  };
}

/** A gap has segment names, not times: it runs from the end of the range before it to the start of the next one. */
function placeGaps(tl: TimelineWindowView, end: number): AxisGap[] {
  return tl.gaps.map((g) => {
    const before = tl.ranges.filter((r) => segmentOrder(r.to.segment) <= segmentOrder(g.from)).at(-1);
    const after = tl.ranges.find((r) => segmentOrder(r.from.segment) > segmentOrder(g.to));
    const from = before
      ? ms(before.latestTime ?? before.to.time ?? before.earliestTime)
      : ms(tl.ranges[0]?.earliestTime ?? new Date(end).toISOString());
    return {
      from,
      to: after ? ms(after.earliestTime) : end,
      label: `WAL missing: ${g.missing} segment${g.missing === 1 ? '' : 's'} (${g.from}${g.missing > 1 ? ` to ${g.to}` : ''})`,
    };
  });
}

/**
 * Timeline switches are known by LSN only; their time is read off the points whose LSN and time
 * both are known (backups' ends, restore points, ranges' starts), exactly when one sits there.
 */
function placeSwitches(tl: TimelineWindowView): AxisSwitch[] {
  const anchors = [
    ...tl.backups.map((b) => ({ lsn: parseLsnText(b.endLsn), at: ms(b.endTime) })),
    ...tl.restorePoints.map((p) => ({ lsn: parseLsnText(p.lsn), at: ms(p.time) })),
    ...tl.ranges.map((r) => ({ lsn: parseLsnText(r.earliestLsn), at: ms(r.earliestTime) })),
  ].sort((a, b) => (a.lsn < b.lsn ? -1 : a.lsn > b.lsn ? 1 : 0));
  if (anchors.length === 0) return [];
  const switches: AxisSwitch[] = [];
  tl.history.forEach((step, i) => {
    const next = tl.history[i + 1];
    if (!step.switchLsn || !next) return;
    const lsn = parseLsnText(step.switchLsn);
    const at = interpolate(anchors, lsn);
    switches.push({ at: at.at, timeline: next.timeline, lsn: step.switchLsn, exact: at.exact });
  });
  return switches;
}

function interpolate(anchors: { lsn: bigint; at: number }[], lsn: bigint): { at: number; exact: boolean } {
  const exact = anchors.find((a) => a.lsn === lsn);
  if (exact) return { at: exact.at, exact: true };
  const after = anchors.findIndex((a) => a.lsn > lsn);
  const first = anchors[0] as { lsn: bigint; at: number };
  const last = anchors.at(-1) as { lsn: bigint; at: number };
  if (after === 0) return { at: first.at, exact: false };
  if (after === -1) return { at: last.at, exact: false };
  const a = anchors[after - 1] as { lsn: bigint; at: number };
  const b = anchors[after] as { lsn: bigint; at: number };
  const share = Number(lsn - a.lsn) / Number(b.lsn - a.lsn);
  return { at: a.at + (b.at - a.at) * share, exact: false };
}

/** Whether a time lies where some range can reach it. */
export function isRecoverable(model: AxisModel, at: number): boolean {
  return model.ranges.some((r) => at >= r.from && at < r.to);
}

const tickSteps = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800,
  1209600, 2592000, 7776000, 31536000,
].map((s) => s * 1000);

/** Round tick times for a view, about one per `minGapPx` pixels. */
export function timeTicks(
  start: number,
  end: number,
  widthPx: number,
  minGapPx = 110,
): { step: number; ticks: number[] } {
  const wanted = Math.max(1, Math.floor(widthPx / minGapPx));
  const step = tickSteps.find((s) => (end - start) / s <= wanted) ?? Math.ceil((end - start) / wanted);
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
  return { step, ticks };
}

/** A view [start, end] zoomed by `factor` around `center`, kept inside the model's bounds. */
export function zoomView(
  model: Pick<AxisModel, 'start' | 'end'>,
  view: { start: number; end: number },
  factor: number,
  center: number,
): { start: number; end: number } {
  const full = model.end - model.start;
  const span = Math.min(full, Math.max(2_000, (view.end - view.start) * factor));
  let start = center - span / 2;
  start = Math.max(model.start, Math.min(start, model.end - span));
  return { start, end: start + span };
}
