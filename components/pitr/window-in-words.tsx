import type { TimelineWindowView } from '@/server/contracts/recovery';
import { exactTime } from '@/components/format/format-time';
import { formatZoned, zoneName, type Zone } from './target-text';

// The facts of the axis in text: restore points to pick with the keyboard, and what is
// recoverable, the gaps, the backups and the timeline history for anyone who cannot see the chart.

function At({ iso, zone }: { iso: string | null; zone: Zone }) {
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={exactTime(iso)} className="tabular-nums">
      {formatZoned(Date.parse(iso), zone, true)}
    </time>
  );
}

export function WindowInWords({
  window,
  zone,
  onPickPoint,
}: {
  window: TimelineWindowView;
  zone: Zone;
  onPickPoint: (name: string) => void;
}) {
  return (
    <div className="space-y-3 text-sm">
      {window.restorePoints.length ? (
        <div role="group" aria-label="Restore points" className="flex flex-wrap items-center gap-2">
          <span className="font-medium">Restore points:</span>
          {window.restorePoints.map((p) => (
            <button
              key={`${p.name}-${p.lsn}`}
              type="button"
              onClick={() => onPickPoint(p.name)}
              title={`${p.lsn}, ${exactTime(p.time)}${p.reachable ? '' : ' (not reachable)'}`}
              className={`rounded-full border px-2.5 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-blue-600 ${
                p.reachable
                  ? 'border-amber-400 bg-amber-50 text-amber-950 hover:bg-amber-100 dark:border-amber-600 dark:bg-amber-950/40 dark:text-amber-100'
                  : 'border-zinc-300 text-zinc-500 line-through dark:border-zinc-700'
              }`}
            >
              {p.name} · {formatZoned(Date.parse(p.time), zone, false).slice(5)}
            </button>
          ))}
        </div>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400">
          No restore points on this timeline (SELECT pg_create_restore_point('name') makes one).
        </p>
      )}
      <details className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <summary className="cursor-pointer font-medium">
          The window of timeline {window.timeline} in words
        </summary>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-zinc-800 dark:text-zinc-200">
          {window.ranges.length === 0 ? <li>Nothing is recoverable on this timeline yet.</li> : null}
          {window.ranges.map((r) => (
            <li key={r.backupId}>
              Recoverable from backup <code className="font-mono">{r.backupId}</code>: times from{' '}
              <At iso={r.earliestTime} zone={zone} /> to before <At iso={r.latestTime} zone={zone} /> (
              {zoneName(zone)}); LSNs <code className="font-mono">{r.earliestLsn}</code> to{' '}
              <code className="font-mono">{r.latestLsn}</code>
              {r.xids ? `; xids ${r.xids.first} to ${r.xids.last}` : ''}
              {r.indexed ? '' : '; some WAL is not indexed yet'}.
            </li>
          ))}
          {window.gaps.map((g) => (
            <li key={g.from} className="text-red-700 dark:text-red-300">
              Gap: {g.missing} segment{g.missing === 1 ? '' : 's'} missing,{' '}
              <code className="font-mono">{g.from}</code> to <code className="font-mono">{g.to}</code>; no
              target past it is reachable from an earlier backup.
            </li>
          ))}
          {window.backups.map((b) => (
            <li key={b.backupId}>
              Backup <code className="font-mono">{b.backupId}</code>
              {b.name ? ` '${b.name}'` : ''} (timeline {b.timeline}) consistent at{' '}
              <code className="font-mono">{b.endLsn}</code>, <At iso={b.endTime} zone={zone} />
              {b.usable ? '' : `: not usable here (${b.reason ?? 'unknown reason'})`}.
            </li>
          ))}
          {window.history.length > 1 ? (
            <li>
              Timeline history:{' '}
              {window.history
                .map((h) =>
                  h.switchLsn ? `timeline ${h.timeline} until ${h.switchLsn}` : `timeline ${h.timeline}`,
                )
                .join(', then ')}
              .
            </li>
          ) : null}
        </ul>
      </details>
    </div>
  );
}
