'use client';

import { useId, useMemo } from 'react';
import type { WalTimelineBucket, WalTimelineView } from '@/server/contracts/wal';
import { formatBytes, formatCount } from '@/components/format/format-bytes';
import { formatDateTime } from '@/components/format/format-time';
import { ChartAxes } from './chart-axes';
import { BackupMarks, GapMarks, RestorePointMarks, TimelineSwitchMarks } from './chart-marks';
import { bucketWords, niceCeiling, scaleTime, timeTicks } from './chart-scale';
import { useChartCursor } from './use-chart-cursor';
import { useElementWidth } from './use-element-width';

const margin = { top: 16, right: 12, bottom: 34, left: 46 };
const timelineFill = ['fill-blue-600 dark:fill-blue-400', 'fill-violet-600 dark:fill-violet-400', 'fill-teal-600 dark:fill-teal-400', 'fill-orange-600 dark:fill-orange-400'];
const fillOf = (timeline: number) => timelineFill[(timeline - 1) % timelineFill.length];

function describeBucket(b: WalTimelineBucket, seconds: number): string {
  const start = Date.parse(b.start);
  const length = bucketWords(seconds);
  return `From ${formatDateTime(new Date(start))}, for ${/^\d/.test(length) ? length : `one ${length}`}: ${formatCount(b.segments)} segment${b.segments === 1 ? '' : 's'}, ${formatBytes(b.size)} of WAL (${formatBytes(b.storedSize)} stored) on timeline ${b.timelines.join('–')}`;
}

/**
 * The archive over time: segments per bucket as bars (coloured by timeline), holes as red bands,
 * timeline switches as dashed lines, restore points above, backups below. Arrow keys move a
 * cursor from bucket to bucket and the caption reads it out.
 */
export function WalChart({ data, height = 220, label }: { data: WalTimelineView; height?: number; label: string }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const readoutId = useId();
  const from = Date.parse(data.from);
  const to = Date.parse(data.to);
  const plotWidth = width - margin.left - margin.right;
  const x = useMemo(() => scaleTime(from, to, plotWidth), [from, to, plotWidth]);
  const bottom = height - margin.bottom;
  const yMax = niceCeiling(Math.max(1, ...data.buckets.map((b) => b.segments)));
  const frame = { x, y: (v: number) => bottom - (v / yMax) * (bottom - margin.top), top: margin.top, bottom, width: plotWidth };
  const bucketPx = Math.max(1, x(from + data.bucketSeconds * 1000) - x(from));
  const msAt = (clientX: number, rect: DOMRect) => from + ((clientX - rect.left - margin.left) / plotWidth) * (to - from);
  const { cursor, handlers } = useChartCursor(data.buckets, data.bucketSeconds * 1000, msAt);
  const active = cursor === null ? null : (data.buckets[cursor] ?? null);
  return (
    <figure className="space-y-2">
      <div ref={ref} className="relative rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
        <svg width={width} height={height} role="img" aria-label={label} aria-describedby={readoutId} tabIndex={0} {...handlers} className="block rounded-lg focus-visible:outline-2 focus-visible:outline-blue-600">
          <g transform={`translate(${margin.left},0)`}>
            <ChartAxes frame={frame} yMax={yMax} ticks={timeTicks(from, to, Math.max(3, Math.floor(plotWidth / 110)))} />
            {data.buckets.map((b, i) => {
              const h = Math.max(1, bottom - frame.y(b.segments));
              return <rect key={b.start} x={x(Date.parse(b.start))} y={bottom - h} width={Math.max(1, bucketPx - (bucketPx > 4 ? 1 : 0))} height={h} className={`${fillOf(b.timelines.at(-1) ?? 1)} ${cursor === i ? 'opacity-60' : ''}`} />;
            })}
            <GapMarks gaps={data.gaps} frame={frame} />
            <TimelineSwitchMarks switches={data.timelineSwitches} frame={frame} />
            <RestorePointMarks points={data.restorePoints} frame={frame} />
            <BackupMarks backups={data.backups} frame={frame} />
            {active ? <rect x={x(Date.parse(active.start))} y={margin.top} width={Math.max(2, bucketPx)} height={bottom - margin.top} className="pointer-events-none fill-zinc-500/10 stroke-zinc-500" /> : null}
          </g>
          {!data.buckets.length ? (
            <text x={width / 2} y={height / 2} textAnchor="middle" className="fill-zinc-500 text-sm dark:fill-zinc-400">
              No WAL archived in this window
            </text>
          ) : null}
        </svg>
      </div>
      <figcaption id={readoutId} aria-live="polite" className="min-h-5 text-sm text-zinc-700 dark:text-zinc-300">
        {active ? describeBucket(active, data.bucketSeconds) : `Segments archived per ${bucketWords(data.bucketSeconds)}; point at a bar, or focus the chart and use the arrow keys.`}
      </figcaption>
    </figure>
  );
}
