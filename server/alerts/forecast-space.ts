import type { SpaceForecast } from './types';

export type SpaceSample = { at: Date; totalBytes: number; freeBytes: number };

/** Less history than this says nothing about a trend: a single backup would look like a flood. */
export const minimumSpanHours = 6;

/**
 * Days until the file system is full at the growth rate of the window: the least-squares slope
 * of used bytes over time (robust to one backup landing between two samples), projected on the
 * free space of the newest sample. null days left when usage is flat or shrinking; null
 * altogether when the window holds too little history.
 */
export function forecastSpace(samples: SpaceSample[], now: Date, windowDays: number): SpaceForecast | null {
  const since = now.getTime() - windowDays * 86_400_000;
  const points = samples
    .filter((s) => s.at.getTime() >= since && s.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || points.length < 2) return null;
  const spanHours = (last.at.getTime() - first.at.getTime()) / 3_600_000;
  if (spanHours < minimumSpanHours) return null;
  const bytesPerDay = slopePerSecond(points) * 86_400;
  const daysLeft = bytesPerDay > 0 ? last.freeBytes / bytesPerDay : null;
  return { bytesPerDay, daysLeft, samples: points.length, spanHours };
}

function slopePerSecond(points: SpaceSample[]): number {
  // Times relative to the first sample keep the sums small enough for doubles to stay exact.
  const t0 = points[0]?.at.getTime() ?? 0;
  const xs = points.map((p) => (p.at.getTime() - t0) / 1000);
  const ys = points.map((p) => p.totalBytes - p.freeBytes);
  const n = points.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - meanX;
    num += dx * ((ys[i] ?? 0) - meanY);
    den += dx * dx;
  }
  return den === 0 ? 0 : num / den;
}
