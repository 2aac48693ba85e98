// Pure helpers of the WAL chart: where a time falls, and round ticks in the browser's time zone.

const hour = 3_600_000;
const day = 24 * hour;
const steps = [hour, 3 * hour, 6 * hour, 12 * hour, day, 2 * day, 7 * day, 14 * day, 30 * day, 91 * day];

export type Tick = { ms: number; label: string };

export function scaleTime(fromMs: number, toMs: number, width: number): (ms: number) => number {
  const span = Math.max(1, toMs - fromMs);
  return (ms) => ((ms - fromMs) / span) * width;
}

/** The first local boundary of `step` at or after `ms` (hours of the day, or local midnights). */
function firstBoundary(ms: number, step: number): number {
  const d = new Date(ms);
  if (step < day) {
    const stepHours = step / hour;
    d.setMinutes(0, 0, 0);
    while (d.getTime() < ms || d.getHours() % stepHours !== 0) d.setHours(d.getHours() + 1);
    return d.getTime();
  }
  d.setHours(0, 0, 0, 0);
  if (d.getTime() < ms) d.setDate(d.getDate() + 1);
  return d.getTime();
}

const timeOfDay = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayMonth = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' });
const monthYear = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric' });

function label(ms: number, step: number): string {
  const d = new Date(ms);
  if (step >= 30 * day) return monthYear.format(d);
  if (step >= day) return dayMonth.format(d);
  return d.getHours() === 0 ? dayMonth.format(d) : timeOfDay.format(d);
}

/** At most `maxTicks` ticks on round local times ("06:00", "Dec 5", "Jan 2026"). */
export function timeTicks(fromMs: number, toMs: number, maxTicks: number): Tick[] {
  const span = toMs - fromMs;
  const step = steps.find((s) => span / s <= maxTicks) ?? 91 * day;
  const ticks: Tick[] = [];
  // Day steps walk local calendar days so that daylight-saving days stay on midnight.
  for (let ms = firstBoundary(fromMs, step); ms <= toMs && ticks.length <= maxTicks; ) {
    ticks.push({ ms, label: label(ms, step) });
    if (step < day) ms += step;
    else {
      const d = new Date(ms);
      d.setDate(d.getDate() + Math.round(step / day));
      ms = d.getTime();
    }
  }
  return ticks;
}

/** A round maximum for the y axis: 1, 2 or 5 times a power of ten, at least `value`. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const factor = [1, 2, 5, 10].find((f) => f * power >= value) ?? 10;
  return factor * power;
}

/** A bucket length in words: "5 minutes", "hour", "3 hours", "day", "week", "30 days". */
export function bucketWords(seconds: number): string {
  const units: [number, string][] = [
    [7 * 86_400, 'week'],
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) {
    if (seconds % size === 0) {
      const n = seconds / size;
      return n === 1 ? unit : `${n} ${unit}s`;
    }
  }
  return `${seconds} seconds`;
}
