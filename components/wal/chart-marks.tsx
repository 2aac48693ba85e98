import type { WalTimelineView } from '@/server/contracts/wal';
import { exactTime } from '@/components/format/format-time';
import { formatCount } from '@/components/format/format-bytes';

// The marks drawn over the bars: holes in red, timeline switches, restore points, backups.

type Frame = { x: (ms: number) => number; top: number; bottom: number; width: number };

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

export function GapMarks({ gaps, frame }: { gaps: WalTimelineView['gaps']; frame: Frame }) {
  return (
    <g>
      {gaps.map((g) => {
        if (!g.after || !g.before) return null;
        const x1 = clamp(frame.x(Date.parse(g.after)), 0, frame.width);
        const x2 = clamp(frame.x(Date.parse(g.before)), 0, frame.width);
        if (x2 <= 0 || x1 >= frame.width) return null;
        const w = Math.max(4, x2 - x1);
        return (
          <g key={`${g.timeline}-${g.from}`}>
            <title>{`${formatCount(g.missing)} segments missing on timeline ${g.timeline}: ${g.from} to ${g.to}. Recovery cannot replay across this hole.`}</title>
            <rect x={x1} y={frame.top} width={w} height={frame.bottom - frame.top} className="fill-red-500/25 stroke-red-600 dark:fill-red-500/30 dark:stroke-red-400" />
            <GapLabel x={clamp(x1 + w / 2, 34, frame.width - 34)} y={frame.top + 12} text={`${formatCount(g.missing)} missing`} />
          </g>
        );
      })}
    </g>
  );
}

/** A label on a pill, so it stays readable over the bars it covers. */
function GapLabel({ x, y, text }: { x: number; y: number; text: string }) {
  const width = text.length * 6.4 + 10;
  return (
    <g>
      <rect x={x - width / 2} y={y - 11} width={width} height={15} rx={3} className="fill-white stroke-red-600 dark:fill-zinc-950 dark:stroke-red-400" />
      <text x={x} y={y} textAnchor="middle" className="fill-red-700 text-[11px] font-semibold dark:fill-red-300">
        {text}
      </text>
    </g>
  );
}

export function TimelineSwitchMarks({ switches, frame }: { switches: WalTimelineView['timelineSwitches']; frame: Frame }) {
  return (
    <g>
      {switches.map((s) => {
        if (!s.at) return null;
        const x = frame.x(Date.parse(s.at));
        if (x < 0 || x > frame.width) return null;
        return (
          <g key={s.timeline}>
            <title>{`Timeline ${s.timeline} begins with ${s.firstSegment}, ${exactTime(s.at)}`}</title>
            <line x1={x} x2={x} y1={frame.top} y2={frame.bottom} strokeDasharray="4 3" className="stroke-violet-600 dark:stroke-violet-400" strokeWidth={2} />
            <text x={x + 4} y={frame.top + 12} className="fill-violet-700 text-[11px] font-semibold dark:fill-violet-300">
              timeline {s.timeline}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export function RestorePointMarks({ points, frame }: { points: WalTimelineView['restorePoints']; frame: Frame }) {
  return (
    <g>
      {points.map((p) => {
        const x = frame.x(Date.parse(p.time));
        if (x < 0 || x > frame.width) return null;
        return (
          <g key={`${p.timeline}-${p.lsn}`}>
            <title>{`Restore point "${p.name}" at ${p.lsn} (timeline ${p.timeline}), ${exactTime(p.time)}`}</title>
            <path d={`M ${x - 5} ${frame.top - 9} L ${x + 5} ${frame.top - 9} L ${x} ${frame.top - 1} Z`} className="fill-amber-500 dark:fill-amber-400" />
          </g>
        );
      })}
    </g>
  );
}

const backupTone: Record<string, string> = {
  DONE: 'fill-green-600 dark:fill-green-400',
  WAITING_FOR_WALS: 'fill-amber-500',
  FAILED: 'fill-red-600 dark:fill-red-400',
};

export function BackupMarks({ backups, frame }: { backups: WalTimelineView['backups']; frame: Frame }) {
  return (
    <g>
      {backups.map((b) => {
        const at = b.endTime ?? b.beginTime;
        if (!at) return null;
        const x = frame.x(Date.parse(at));
        if (x < 0 || x > frame.width) return null;
        return (
          <g key={b.backupId}>
            <title>{`Backup ${b.backupId}${b.name ? ` “${b.name}”` : ''}: ${b.status}${b.endTime ? `, ended ${exactTime(b.endTime)}` : ''}`}</title>
            <rect x={x - 3} y={frame.bottom + 3} width={6} height={6} transform={`rotate(45 ${x} ${frame.bottom + 6})`} className={backupTone[b.status] ?? 'fill-zinc-400'} />
          </g>
        );
      })}
    </g>
  );
}
