import type { ReactNode } from 'react';
import type { ServerView } from '@/server/contracts/servers';
import { formatPgVersion } from '@/components/format/format-backup';
import { Badge } from '@/components/ui/badge';
import { Time } from '@/components/ui/values';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {label}
      </dt>
      <dd className="mt-0.5 text-sm break-words text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  );
}

const none = <span className="text-zinc-500 dark:text-zinc-400">—</span>;

function walSources(s: ServerView): string {
  const sources = [
    s.streamingArchiver ? `streaming (slot ${s.slotName ?? '?'})` : null,
    s.pushArchiver ? 'archive_command push' : null,
  ].filter(Boolean);
  return sources.length ? sources.join(' + ') : 'none configured';
}

export function ServerConfiguration({ server: s }: { server: ServerView }) {
  return (
    <dl className="grid gap-4 rounded-lg border border-zinc-200 p-4 sm:grid-cols-2 lg:grid-cols-3 dark:border-zinc-800">
      <Item label="State">
        {s.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="gray">Disabled</Badge>}
      </Item>
      <Item label="Conninfo">
        <code className="text-xs">{s.conninfo}</code> {s.hasPassword ? '(password set)' : null}
      </Item>
      <Item label="PostgreSQL">
        {s.pgVersion ? formatPgVersion(s.pgVersion) : 'not yet seen'}
        {s.systemId ? `, system ${s.systemId}` : ''}
      </Item>
      <Item label="Backup method">
        {s.backupMethod}
        {s.backupMethod === 'ssh' && s.sshTarget ? ` via ${s.sshTarget}` : ''}
      </Item>
      <Item label="Compression">
        {s.compression}
        {s.compressionLevel !== null ? ` level ${s.compressionLevel}` : ''}, WAL {s.walCompression}
      </Item>
      <Item label="Retention policy">
        {s.retentionPolicy ?? 'keep every backup'}
        {s.minimumRedundancy ? `, minimum ${s.minimumRedundancy}` : ''}
      </Item>
      <Item label="WAL sources">{walSources(s)}</Item>
      <Item label="Thresholds">
        {[
          s.lastBackupMaximumAge && `backup age ≤ ${s.lastBackupMaximumAge}`,
          s.lastBackupMinimumSize && `backup size ≥ ${s.lastBackupMinimumSize}`,
          s.lastWalMaximumAge && `WAL age ≤ ${s.lastWalMaximumAge}`,
        ]
          .filter(Boolean)
          .join(', ') || none}
      </Item>
      <Item label="Registered">
        <Time iso={s.createdAt} />, updated <Time iso={s.updatedAt} />
      </Item>
    </dl>
  );
}
