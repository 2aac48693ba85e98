import type { ReceiverStatusView } from '@/server/contracts/wal';
import type { ServerView } from '@/server/contracts/servers';
import { useCan } from '@/components/auth/roles';
import { Badge, type Tone } from '@/components/ui/badge';
import { Fact, FactGroup, missing } from '@/components/ui/facts';
import { Bytes, Duration, Time } from '@/components/ui/values';
import { ReceiverActions } from './receiver-actions';

function stateOf(r: ReceiverStatusView): { label: string; tone: Tone; explain?: string } {
  // Asked to stop, but the receiver has not said it did yet.
  if (r.stopRequested && r.state !== 'stopped' && !r.stale) return { label: 'stopping', tone: 'amber' };
  if (r.stopRequested) return { label: 'stopped', tone: 'gray', explain: 'Stopped by an operator; start it to resume streaming.' };
  if (!r.wanted) return { label: 'off', tone: 'gray', explain: 'The streaming archiver is off for this server, or the server is disabled.' };
  if (r.stale)
    return {
      label: 'not running',
      tone: 'red',
      explain: 'No WAL receiver process has reported for this server: start one (node --import tsx workers/wal-receiver.ts).',
    };
  if (r.state === 'error') return { label: 'error', tone: 'red' };
  if (r.state === 'running') return { label: 'streaming', tone: 'green' };
  return { label: 'starting', tone: 'amber' };
}

/** The streaming receiver: Barman's receive-wal and the WAL streamer of replication-status in one. */
export function ReceiverPanel({ server, receiver: r }: { server: ServerView; receiver: ReceiverStatusView | null }) {
  const canRun = useCan('operator');
  if (!r)
    return (
      <FactGroup title="Streaming receiver">
        <p className="py-1.5 text-sm text-zinc-600 dark:text-zinc-400">
          WAL streaming is off. Turn on the streaming archiver (with a slot name) in the server’s settings for an RPO of seconds.
        </p>
      </FactGroup>
    );
  const state = stateOf(r);
  return (
    <FactGroup title="Streaming receiver">
      <Fact label="State">
        <Badge tone={state.tone}>{state.label}</Badge>
        {state.explain ? <span className="ml-2 text-zinc-600 dark:text-zinc-400">{state.explain}</span> : null}
      </Fact>
      {r.lastError ? (
        <Fact label="Last error">
          <span className={r.state === 'error' ? 'text-red-800 dark:text-red-300' : undefined}>{r.lastError}</span> <Time iso={r.lastErrorAt} />
        </Fact>
      ) : null}
      <Fact label="Slot">{r.slotName ?? server.slotName ?? missing}</Fact>
      <Fact label="Timeline">{r.timeline ?? missing}</Fact>
      <Fact label="Received / flushed">
        {r.receivedLsn ?? '—'} / {r.flushedLsn ?? '—'}
      </Fact>
      <Fact label="Server at">{r.serverLsn ?? missing}</Fact>
      <Fact label="Lag">
        {r.lagBytes === null ? missing : <Bytes value={r.lagBytes} />}
        {r.lagSeconds === null ? null : (
          <>
            , <Duration ms={r.lagSeconds * 1000} />
          </>
        )}
      </Fact>
      <Fact label="Receiver process">
        {r.ownerHost ? `${r.ownerHost} (pid ${r.ownerPid ?? '?'})` : missing}, last report <Time iso={r.heartbeatAt} absolute seconds empty="never" />
      </Fact>
      <Fact label="Streaming since">
        <Time iso={r.startedAt} />
      </Fact>
      {r.resetRequested ? <Fact label="Reset">requested: carried out when the receiver next starts</Fact> : null}
      {canRun ? <ReceiverActions server={server.name} receiver={r} /> : null}
    </FactGroup>
  );
}
