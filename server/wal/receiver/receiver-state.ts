import type { Ctx } from '../../context';
import type { ReceiverState, WalReceiver } from '../../db/generated/client';
import { formatLsn } from '../../pg/lsn';
import type { ReceiverProgress } from './session-types';

// The catalog row the console and the status API read (one per server, wal_receivers): written
// only by the receiver holding the server's lock, as a snapshot once a second and at once on a
// change of state. A catalog hiccup costs a snapshot, never the stream.

export type ReceiverOwner = { host: string; pid: number };

// The operator's fields (stop, reset) belong to the API and are never part of a snapshot.
type Snapshot = Partial<Omit<WalReceiver, 'serverId' | 'updatedAt' | 'stopRequested' | 'resetRequested' | 'resumeLsn' | 'resumeTimeline'>>;

export class ReceiverStateWriter {
  private snapshot: Snapshot = {};
  private writing: Promise<void> | undefined;

  constructor(
    private readonly ctx: Ctx,
    private readonly serverId: string,
    private readonly owner: ReceiverOwner,
  ) {}

  streaming(info: { timeline: number; slotName: string }): Promise<void> {
    return this.change('running', { timeline: info.timeline, slotName: info.slotName, startedAt: new Date() });
  }

  progress(p: ReceiverProgress): void {
    Object.assign(this.snapshot, {
      timeline: p.timeline,
      receivedLsn: formatLsn(p.received),
      flushedLsn: formatLsn(p.flushed),
      serverLsn: p.serverEnd > 0n ? formatLsn(p.serverEnd) : null,
      lagBytes: p.lagBytes,
      lagMs: Math.min(p.lagMs, 2_000_000_000),
    });
  }

  error(message: string): Promise<void> {
    return this.change('error', { lastError: message.slice(0, 2000), lastErrorAt: new Date(), lagMs: null });
  }

  /** A problem worth showing that does not stop streaming (a file refused, a store retried). */
  note(message: string): void {
    Object.assign(this.snapshot, { lastError: message.slice(0, 2000), lastErrorAt: new Date() });
  }

  stopped(): Promise<void> {
    return this.change('stopped', { lagMs: null, lagBytes: null });
  }

  /** Writes the snapshot with a fresh heartbeat (called every second by the supervisor). */
  flush(): Promise<void> {
    this.writing ??= this.write().finally(() => (this.writing = undefined));
    return this.writing;
  }

  private async change(state: ReceiverState, data: Snapshot): Promise<void> {
    Object.assign(this.snapshot, data, { state });
    await this.writing;
    await this.flush();
  }

  private async write(): Promise<void> {
    const data = { ...this.snapshot, ownerHost: this.owner.host, ownerPid: this.owner.pid, heartbeatAt: new Date() };
    try {
      await this.ctx.db.walReceiver.upsert({
        where: { serverId: this.serverId },
        create: { ...data, serverId: this.serverId },
        update: data,
      });
    } catch (error) {
      this.ctx.log.warn({ err: error, serverId: this.serverId }, 'could not record the WAL receiver state');
    }
  }
}
