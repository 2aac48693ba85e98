import { formatCount } from '@/components/format/format-bytes';
import type { Tick } from './chart-scale';

type Frame = { x: (ms: number) => number; y: (value: number) => number; top: number; bottom: number; width: number };

/** Horizontal grid lines with their values (whole segments only), and the time axis. */
export function ChartAxes({ frame, yMax, ticks }: { frame: Frame; yMax: number; ticks: Tick[] }) {
  const levels = Number.isInteger(yMax / 2) ? [0, yMax / 2, yMax] : [0, yMax];
  return (
    <>
      {levels.map((v) => (
        <g key={v}>
          <line x1={0} x2={frame.width} y1={frame.y(v)} y2={frame.y(v)} className="stroke-zinc-200 dark:stroke-zinc-800" />
          <text x={-6} y={frame.y(v) + 4} textAnchor="end" className="fill-zinc-500 text-[11px] tabular-nums dark:fill-zinc-400">
            {formatCount(v)}
          </text>
        </g>
      ))}
      <line x1={0} x2={frame.width} y1={frame.bottom} y2={frame.bottom} className="stroke-zinc-400 dark:stroke-zinc-600" />
      {ticks.map((t) => (
        <g key={t.ms}>
          <line x1={frame.x(t.ms)} x2={frame.x(t.ms)} y1={frame.bottom} y2={frame.bottom + 4} className="stroke-zinc-400 dark:stroke-zinc-600" />
          <text x={frame.x(t.ms)} y={frame.bottom + 26} textAnchor="middle" className="fill-zinc-600 text-[11px] dark:fill-zinc-400">
            {t.label}
          </text>
        </g>
      ))}
    </>
  );
}
