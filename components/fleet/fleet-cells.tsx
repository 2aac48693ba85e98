import Link from 'next/link';
import type { FleetServerView } from '@/server/contracts/fleet';
import { formatBytes, exactBytes, formatCount } from '@/components/format/format-bytes';
import { formatDuration } from '@/components/format/format-duration';
import { useNow } from '@/components/format/use-now';
import { Badge } from '@/components/ui/badge';
import { Age, Time } from '@/components/ui/values';
import { HealthBadge } from './health-badge';

const muted = 'text-xs text-zinc-600 dark:text-zinc-400';
const over = 'font-semibold text-red-700 dark:text-red-400';

export function ServerCell({ server: s }: { server: FleetServerView }) {
  return (
    <div className="min-w-40">
      <Link href={`/servers/${encodeURIComponent(s.name)}`} className="font-semibold text-blue-700 hover:underline dark:text-blue-400">
        {s.name}
      </Link>
      {s.description ? <p className={`${muted} max-w-56 truncate`} title={s.description}>{s.description}</p> : null}
    </div>
  );
}

export function HealthCell({ server: s }: { server: FleetServerView }) {
  const shown = s.problems.slice(0, 3);
  return (
    <div className="min-w-52">
      <HealthBadge health={s.health} />
      {shown.length ? (
        <ul className="mt-1 space-y-0.5 text-xs">
          {shown.map((p) => (
            <li key={p.code} className={p.level === 'critical' ? 'text-red-800 dark:text-red-300' : 'text-amber-800 dark:text-amber-300'}>
              {p.message}
            </li>
          ))}
          {s.problems.length > shown.length ? <li className={muted}>and {s.problems.length - shown.length} more</li> : null}
        </ul>
      ) : null}
      {s.lastCheck ? (
        <p className={`mt-1 ${muted}`}>
          checked <Time iso={s.lastCheck.checkedAt} />
        </p>
      ) : null}
    </div>
  );
}

/** An age against its limit: red and "over" once past it; the limit itself on the line below. */
function AgeAgainst({ iso, maxSeconds, what, quiet }: { iso: string; maxSeconds: number | null; what: string; quiet: boolean }) {
  const now = useNow();
  // A disabled server is not expected to keep up: its ages are facts, not alarms.
  const late = !quiet && maxSeconds !== null && now - Date.parse(iso) > maxSeconds * 1000;
  return (
    <>
      <span className={late ? over : undefined}>
        <Age iso={iso} /> ago
      </span>
      {maxSeconds !== null && !quiet ? (
        <span className={`block ${muted}`}>
          {late ? 'over' : 'within'} the {formatDuration(maxSeconds * 1000)} limit{late ? ` for ${what}` : ''}
        </span>
      ) : null}
    </>
  );
}

export function BackupCell({ server: s }: { server: FleetServerView }) {
  const available = s.lastAvailableBackup;
  const last = s.lastBackup;
  return (
    <div className="min-w-40 text-sm">
      {available?.endTime ? (
        <AgeAgainst iso={available.endTime} maxSeconds={s.backupMaximumAgeSeconds} what="backups" quiet={s.health === 'disabled'} />
      ) : (
        <span className={s.health === 'disabled' ? muted : 'font-semibold text-amber-800 dark:text-amber-300'}>none restorable</span>
      )}
      {s.activeBackup ? (
        <span className="mt-1 block">
          <Link href={`/jobs/${s.activeBackup.runId}`} className="text-xs text-blue-700 hover:underline dark:text-blue-400">
            <Badge tone="blue">{s.activeBackup.status === 'queued' ? 'queued' : progressLabel(s.activeBackup)}</Badge>
          </Link>
        </span>
      ) : last && last.status === 'FAILED' ? (
        <span className="mt-1 block">
          <Badge tone="red" title={`Backup ${last.backupId} failed`}>last attempt failed</Badge>
        </span>
      ) : null}
    </div>
  );
}

function progressLabel(run: NonNullable<FleetServerView['activeBackup']>): string {
  if (!run.progressTotal) return 'backing up';
  return `backing up ${Math.min(100, Math.round((run.progressDone / run.progressTotal) * 100))}%`;
}

const channelLabel = (s: FleetServerView) =>
  [s.streamingArchiver ? 'streaming' : null, s.pushArchiver ? 'push' : null].filter(Boolean).join(' + ') || 'no archiving';

export function WalCell({ server: s }: { server: FleetServerView }) {
  const last = s.wal.last;
  return (
    <div className="min-w-40 text-sm">
      {last ? <AgeAgainst iso={last.archivedAt} maxSeconds={s.walMaximumAgeSeconds} what="WAL" quiet={s.health === 'disabled'} /> : <span className={muted}>no WAL yet</span>}
      <span className={`block ${muted}`}>{channelLabel(s)}</span>
      {s.wal.missingSegments ? (
        <span className="mt-1 block">
          <Badge tone="red" title="Segments missing between the first and the last archived: recovery stops at the hole.">
            {formatCount(s.wal.missingSegments)} missing
          </Badge>
        </span>
      ) : null}
    </div>
  );
}

export function BackupCountCell({ server: s }: { server: FleetServerView }) {
  return (
    <div className="text-right text-sm whitespace-nowrap tabular-nums">
      {formatCount(s.backups.available)}
      {s.backups.failed ? <span className="block text-xs text-red-700 dark:text-red-400">{formatCount(s.backups.failed)} failed</span> : null}
    </div>
  );
}

export function StorageCell({ server: s }: { server: FleetServerView }) {
  const total = s.storage.backups + s.storage.wal;
  return (
    <div
      className="text-right text-sm whitespace-nowrap tabular-nums"
      title={`Backups ${exactBytes(s.storage.backups)}; WAL ${exactBytes(s.storage.wal)} (${formatCount(s.wal.segments)} segments)`}
    >
      {formatBytes(total)}
      <span className={`block ${muted}`}>WAL {formatBytes(s.storage.wal)}</span>
    </div>
  );
}
