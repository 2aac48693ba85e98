import type { Finding, RuleSettings, ServerFacts } from '../types';
import { subjectOf } from './backup-rules';

// The streaming channel: a receiver that should stream and does not, or streams too far behind.
// Both follow the WAL status's own reading of the receiver (server/wal/receiver/receiver-view.ts),
// so an alert and the console never disagree. A receiver stopped on purpose is not "down".

export function receiverDown(facts: ServerFacts): Finding[] {
  const r = facts.receiver;
  if (!r?.wanted || (!r.stale && r.state !== 'error')) return [];
  const why = r.stale
    ? r.heartbeatAt
      ? `no receiver process has reported since ${r.heartbeatAt}`
      : 'no receiver process has reported yet'
    : `it stopped on an error${r.lastError ? `: ${r.lastError}` : ''}`;
  return [
    {
      rule: 'receiver_down',
      ...subjectOf(facts),
      summary: `WAL streaming of ${facts.server.name} is down: ${why}. Start a receiver process (workers/wal-receiver.ts) or fix the error; the slot keeps the server's WAL meanwhile.`,
      details: {
        state: r.state,
        stale: r.stale,
        lastError: r.lastError,
        heartbeatAt: r.heartbeatAt,
        slot: r.slotName,
      },
    },
  ];
}

export function receiverLag(facts: ServerFacts, _now: Date, settings: RuleSettings): Finding[] {
  const r = facts.receiver;
  const maximum = settings.receiver_lag.params.maxLagSeconds ?? 60;
  if (!r?.wanted || r.stale || r.state !== 'running' || r.lagSeconds === null || r.lagSeconds <= maximum)
    return [];
  return [
    {
      rule: 'receiver_lag',
      ...subjectOf(facts),
      summary: `The WAL receiver of ${facts.server.name} is ${Math.round(r.lagSeconds)} s behind the server (${r.lagBytes ?? '?'} bytes), more than the ${maximum} s allowed.`,
      details: {
        lagSeconds: r.lagSeconds,
        lagBytes: r.lagBytes,
        flushedLsn: r.flushedLsn,
        serverLsn: r.serverLsn,
        maxLagSeconds: maximum,
      },
    },
  ];
}
