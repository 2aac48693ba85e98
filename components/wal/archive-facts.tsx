import type { WalStatusView } from '@/server/contracts/wal';
import { Badge } from '@/components/ui/badge';
import { Fact, FactGroup, missing } from '@/components/ui/facts';
import { Bytes, Time } from '@/components/ui/values';

const channelNames = { streaming: 'streaming', push: 'archive_command', backup: 'backups' } as const;

export function ArchiveFacts({ status: s }: { status: WalStatusView }) {
  return (
    <FactGroup title="Archive">
      <Fact label="Segments">
        {s.segments.toLocaleString('en')}
        {s.historyFiles ? `, ${s.historyFiles} timeline history file${s.historyFiles > 1 ? 's' : ''}` : ''}
      </Fact>
      <Fact label="Size">
        <Bytes value={s.size} /> (<Bytes value={s.storedSize} /> stored)
      </Fact>
      <Fact label="Last archived">
        {s.lastArchived ? (
          <>
            <code className="font-mono text-xs">{s.lastArchived.name}</code> <Time iso={s.lastArchived.archivedAt} />
          </>
        ) : (
          missing
        )}
      </Fact>
      <Fact label="Channels">
        {s.channels.length
          ? s.channels.map((c) => (
              <div key={c.source}>
                {channelNames[c.source] ?? c.source}: {c.count.toLocaleString('en')}, last <code className="font-mono text-xs">{c.lastName}</code>{' '}
                <Time iso={c.lastArchivedAt} />
              </div>
            ))
          : 'nothing archived yet'}
      </Fact>
      <Fact label="Timelines">
        {s.timelines.length
          ? s.timelines.map((t) => (
              <div key={t.timeline}>
                {t.timeline}: {t.first} … {t.last} ({t.segments.toLocaleString('en')})
              </div>
            ))
          : missing}
      </Fact>
      <Fact label="Gaps">
        {s.gaps.length ? (
          s.gaps.map((g) => (
            <div key={`${g.timeline}-${g.from}`}>
              <Badge tone="red">missing</Badge> {g.from} … {g.to} ({g.missing})
            </div>
          ))
        ) : (
          <Badge tone="green">none</Badge>
        )}
      </Fact>
      <Fact label="WAL rate">{s.walRatePerHour.toFixed(1)} segments per hour (last 24 h)</Fact>
      <Fact label="Refused files">
        {s.errorFiles.length ? (
          <>
            <Badge tone="red">{s.errorFiles.length}</Badge> kept in the server’s errors directory: {s.errorFiles.slice(0, 3).join(', ')}
          </>
        ) : (
          'none'
        )}
      </Fact>
    </FactGroup>
  );
}
