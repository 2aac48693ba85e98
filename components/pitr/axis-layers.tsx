import { exactTime } from '@/components/format/format-time';
import { timeTicks, type AxisModel } from './axis-model';
import { formatZoned, type Zone } from './target-text';

// The drawing of the time axis (SVG, visual only: the same facts are listed in text beside it).
// Lanes from the top: restore points, transaction activity, what is recoverable (and the gaps),
// backups' consistency points, time ticks. Timeline switches cross them all.

export const lanes = {
  points: 4,
  activityTop: 30,
  activityBottom: 118,
  band: 124,
  bandHeight: 12,
  backups: 142,
  ticks: 170,
  height: 188,
};

export type Scale = { x: (t: number) => number; width: number; start: number; end: number };

const label = 'fill-zinc-600 text-[11px] dark:fill-zinc-400';

export function ActivityLayer({ model, scale }: { model: AxisModel; scale: Scale }) {
  const span = lanes.activityBottom - lanes.activityTop;
  return (
    <g>
      <line
        x1={0}
        x2={scale.width}
        y1={lanes.activityBottom}
        y2={lanes.activityBottom}
        className="stroke-zinc-300 dark:stroke-zinc-700"
      />
      {model.activity.map((a) => {
        const x1 = scale.x(a.from);
        const w = Math.max(3, scale.x(a.to) - x1 - 1);
        const h = a.transactions === 0 ? 0 : Math.max(2, (a.transactions / model.maxTransactions) * span);
        return (
          <rect
            key={a.from}
            x={x1}
            y={lanes.activityBottom - h}
            width={w}
            height={h}
            className="fill-sky-500/70 dark:fill-sky-400/60"
          >
            <title>{`${a.transactions.toLocaleString('en')} transactions ended ${formatRange(a.from, a.to)}`}</title>
          </rect>
        );
      })}
      <text x={scale.width - 4} y={lanes.activityBottom - 4} textAnchor="end" className={label}>
        {`transactions (max ${model.maxTransactions.toLocaleString('en')} per bar)`}
      </text>
    </g>
  );
}

export function ReachLayer({ model, scale }: { model: AxisModel; scale: Scale }) {
  return (
    <g>
      <rect
        x={0}
        y={lanes.band}
        width={scale.width}
        height={lanes.bandHeight}
        className="fill-zinc-200 dark:fill-zinc-800"
      >
        <title>Not recoverable: before the first usable backup, or past the last archived transaction.</title>
      </rect>
      {model.ranges.map((r) => (
        <rect
          key={r.backupId}
          x={scale.x(r.from)}
          y={lanes.band}
          width={Math.max(2, scale.x(r.to) - scale.x(r.from))}
          height={lanes.bandHeight}
          className="fill-emerald-500 dark:fill-emerald-500/80"
        >
          <title>{`Recoverable from backup ${r.backupId}: ${formatRange(r.from, r.to)}`}</title>
        </rect>
      ))}
      {model.gaps.map((g) => (
        <g key={g.label}>
          <rect
            x={scale.x(g.from)}
            y={lanes.activityTop}
            width={Math.max(2, scale.x(g.to) - scale.x(g.from))}
            height={lanes.band + lanes.bandHeight - lanes.activityTop}
            className="fill-red-500/15 dark:fill-red-500/20"
          />
          <rect
            x={scale.x(g.from)}
            y={lanes.band}
            width={Math.max(3, scale.x(g.to) - scale.x(g.from))}
            height={lanes.bandHeight}
            className="fill-red-600 dark:fill-red-500"
          >
            <title>{g.label}</title>
          </rect>
        </g>
      ))}
    </g>
  );
}

export function MarkersLayer({ model, scale }: { model: AxisModel; scale: Scale }) {
  return (
    <g>
      {model.switches.map((s) => (
        <g key={s.lsn}>
          <line
            x1={scale.x(s.at)}
            x2={scale.x(s.at)}
            y1={lanes.points}
            y2={lanes.ticks - 6}
            strokeDasharray="4 3"
            className="stroke-violet-600 dark:stroke-violet-400"
          />
          <text
            x={scale.x(s.at) + 4}
            y={lanes.activityTop + 24}
            className="fill-violet-700 text-[11px] font-semibold dark:fill-violet-300"
          >{`→ timeline ${s.timeline}`}</text>
          <title>{`Timeline ${s.timeline} begins at LSN ${s.lsn}${s.exact ? '' : ' (time estimated from the points around it)'}`}</title>
        </g>
      ))}
      {model.restorePoints.map((p) => {
        const x = scale.x(p.at);
        return (
          <g
            key={`${p.name}-${p.lsn}`}
            className={
              p.reachable
                ? 'fill-amber-500 stroke-amber-700 dark:fill-amber-400'
                : 'fill-zinc-300 stroke-zinc-500 dark:fill-zinc-600'
            }
          >
            <line
              x1={x}
              x2={x}
              y1={lanes.points + 12}
              y2={lanes.activityBottom}
              strokeDasharray="2 2"
              className="stroke-amber-600/70 dark:stroke-amber-400/60"
            />
            <path d={`M${x} ${lanes.points} l6 6 l-6 6 l-6 -6 z`} />
            <text
              x={x + 8}
              y={lanes.points + 10}
              stroke="none"
              className="fill-amber-800 text-[11px] dark:fill-amber-300"
            >
              {p.name.length > 18 ? `${p.name.slice(0, 17)}…` : p.name}
            </text>
            <title>{`Restore point "${p.name}" at ${p.lsn}, ${exactTime(new Date(p.at).toISOString())}${p.reachable ? '' : ' (not reachable)'}`}</title>
          </g>
        );
      })}
      {model.backups.map((b) => {
        const x = scale.x(b.at);
        return (
          <g
            key={b.backupId}
            className={b.usable ? 'fill-blue-700 dark:fill-blue-400' : 'fill-none stroke-zinc-500'}
          >
            <path d={`M${x} ${lanes.backups} l6 10 l-12 0 z`} />
            <title>{`Backup ${b.backupId}${b.name ? ` '${b.name}'` : ''}: consistent at ${b.lsn}, ${exactTime(new Date(b.at).toISOString())}${b.usable ? '' : ` (not usable: ${b.reason ?? ''})`}`}</title>
          </g>
        );
      })}
    </g>
  );
}

export function TicksLayer({ scale, zone }: { scale: Scale; zone: Zone }) {
  const { step, ticks } = timeTicks(scale.start, scale.end, scale.width);
  const text = (t: number) => {
    const full = formatZoned(t, zone, false);
    if (step >= 86_400_000) return full.slice(5, 10);
    return step < 60_000 ? full.slice(11, 19) : full.slice(11, 16);
  };
  return (
    <g>
      {ticks.map((t) => (
        <g key={t}>
          <line
            x1={scale.x(t)}
            x2={scale.x(t)}
            y1={lanes.ticks - 6}
            y2={lanes.ticks - 2}
            className="stroke-zinc-400"
          />
          <text x={scale.x(t)} y={lanes.ticks + 10} textAnchor="middle" className={label}>
            {text(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

function formatRange(from: number, to: number): string {
  return `from ${new Date(from).toISOString()} to ${new Date(to).toISOString()}`;
}
