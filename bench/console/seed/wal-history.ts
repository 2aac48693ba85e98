import { walSegmentName } from '../../../server/pg/wal-name';
import type { Random } from './random';

// A server's WAL archive over time: segments arriving faster by day than by night, timeline
// switches (a promotion), the holes of a gap scenario, and a way to find the WAL position of any
// moment (where a backup began and ended, where a restore point was made).

export const segmentBytes = 16 * 1024 * 1024;

export type WalSegmentPlan = { timeline: number; segno: number; startMs: number; endMs: number };

export type WalHistory = {
  segments: WalSegmentPlan[];
  /** The first segment of each timeline after the first, with the time of the switch. */
  switches: { timeline: number; atMs: number }[];
  /** Where the WAL was at a moment: the segment being written and the offset in it. */
  locate(ms: number): { timeline: number; segno: number; lsn: string; name: string };
};

export type WalHistoryInput = {
  count: number;
  startMs: number;
  endMs: number;
  firstSegno: number;
  timelineSwitches: number;
  /** Segment numbers to leave out (counted from the end of the archive), for a gap. */
  gapFromEnd?: { at: number; length: number };
};

const hourMs = 3_600_000;

/** Busier by day than by night: a factor between 0.4 (04:00) and 1.6 (16:00). */
function diurnal(ms: number): number {
  const hour = (ms / hourMs) % 24;
  return 1 + 0.6 * Math.sin(((hour - 10) / 24) * 2 * Math.PI);
}

function arrivalTimes(random: Random, input: WalHistoryInput): number[] {
  const { count, startMs, endMs } = input;
  const step = (endMs - startMs) / Math.max(count, 1);
  const raw: number[] = [];
  let t = 0;
  for (let i = 0; i < count; i++) {
    t += (step / diurnal(startMs + t)) * random.between(0.6, 1.4);
    raw.push(t);
  }
  const scale = (endMs - startMs) / (t || 1);
  return raw.map((r) => startMs + r * scale);
}

export function formatLsn(position: number): string {
  const hi = Math.floor(position / 2 ** 32);
  const lo = position % 2 ** 32;
  return `${hi.toString(16).toUpperCase()}/${lo.toString(16).toUpperCase()}`;
}

export function planWalHistory(random: Random, input: WalHistoryInput): WalHistory {
  const ends = arrivalTimes(random, input);
  const switchAt = new Set(Array.from({ length: input.timelineSwitches }, (_, k) => Math.floor((ends.length * (k + 2)) / (input.timelineSwitches + 3))));
  const gapStart = input.gapFromEnd ? ends.length - input.gapFromEnd.at : -1;
  const gapEnd = input.gapFromEnd ? gapStart + input.gapFromEnd.length : -1;
  const segments: WalSegmentPlan[] = [];
  const switches: WalHistory['switches'] = [];
  let timeline = 1;
  let segno = input.firstSegno;
  let previousEnd = input.startMs;
  for (const [i, endMs] of ends.entries()) {
    if (switchAt.has(i)) {
      // After a promotion the new timeline starts in the segment the old one was writing.
      timeline += 1;
      segno -= 1;
      switches.push({ timeline, atMs: previousEnd });
    }
    if (i < gapStart || i >= gapEnd) segments.push({ timeline, segno, startMs: previousEnd, endMs });
    segno += 1;
    previousEnd = endMs;
  }
  return { segments, switches, locate: (ms) => locate(segments, ms) };
}

function locate(segments: readonly WalSegmentPlan[], ms: number): ReturnType<WalHistory['locate']> {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((segments[mid]?.endMs ?? 0) < ms) lo = mid + 1;
    else hi = mid;
  }
  const seg = segments[lo] ?? { timeline: 1, segno: 1, startMs: ms, endMs: ms + 1 };
  const within = Math.min(0.999, Math.max(0, (ms - seg.startMs) / Math.max(1, seg.endMs - seg.startMs)));
  const offset = Math.floor((within * segmentBytes) / 8) * 8;
  return {
    timeline: seg.timeline,
    segno: seg.segno,
    lsn: formatLsn(seg.segno * segmentBytes + offset),
    name: walSegmentName({ timeline: seg.timeline, segno: BigInt(seg.segno) }),
  };
}
