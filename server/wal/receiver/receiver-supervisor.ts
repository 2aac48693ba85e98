import { setTimeout as sleep } from 'node:timers/promises';
import type { Ctx } from '../../context';
import type { Server } from '../../db/generated/client';
import { describeReceiverError } from './describe-receiver-error';
import { receiveWal } from './receive-wal';
import { tryReceiverLock, type ReceiverLock } from './receiver-lock';
import { ReceiverStateWriter, type ReceiverOwner } from './receiver-state';
import type { ReceiverTimings } from './session-types';
import { StreamedFileStore } from './streamed-file-store';
import { waitForPreviousOwner } from './wait-for-previous-owner';

// Keeps one server's WAL streaming for as long as it is wanted: take the server's lock (or wait
// for it), then run receiver sessions back to back, reconnecting with exponential backoff after
// a failure. Once a second it records the receiver's state and reads back what an operator asked
// for; a reset or a change to the server's settings restarts the session. Losing the lock stops
// streaming at once: another receiver may take over.

export type SupervisorOptions = {
  ctx: Ctx;
  root: string;
  serverId: string;
  catalogUrl: string;
  owner: ReceiverOwner;
  lockRetryMs?: number;
  timings?: Partial<ReceiverTimings>;
};

const maxBackoffMs = 30_000;

/** What a session depends on: a change to any of these restarts it. */
function streamingSettings(s: Server): string {
  return JSON.stringify([s.name, s.conninfo, s.passwordSecret, s.streamingConninfo, s.streamingPassSecret, s.slotName, s.createSlot, s.walCompression, s.streamingArchiver, s.enabled]);
}

export class ReceiverSupervisor {
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;

  constructor(private readonly options: SupervisorOptions) {}

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    const { ctx, serverId } = this.options;
    while (!this.stopping.signal.aborted) {
      const lock = await tryReceiverLock(this.options.catalogUrl, serverId).catch((error: unknown) => {
        ctx.log.warn({ err: error, serverId }, 'WAL receiver: cannot reach the catalog for the receiver lock');
        return null;
      });
      if (lock) {
        ctx.log.info({ serverId }, 'WAL receiver: this process holds the server’s receiver lock');
        try {
          await this.lead(lock);
        } catch (error) {
          ctx.log.error({ err: error, serverId }, 'WAL receiver supervisor failed');
        } finally {
          await lock.release();
        }
      }
      await this.pause(this.options.lockRetryMs ?? 5_000);
    }
  }

  /** Streams while this process holds the lock and the server still wants streaming. */
  private async lead(lock: ReceiverLock): Promise<void> {
    const { ctx, serverId } = this.options;
    const state = new ReceiverStateWriter(ctx, serverId, this.options.owner);
    await waitForPreviousOwner(ctx, serverId, this.options.owner, AbortSignal.any([this.stopping.signal, lock.lost]));
    let backoff = 1_000;
    while (!this.stopping.signal.aborted && !lock.lost.aborted) {
      const server = await ctx.db.server.findUnique({ where: { id: serverId }, include: { walReceiver: { select: { stopRequested: true } } } });
      if (!server?.streamingArchiver || !server.enabled || server.walReceiver?.stopRequested) break;
      const outcome = await this.session(server, lock, state);
      // A session that got to stream earns a quick reconnect; repeated failures back off.
      if (outcome.streamed) backoff = 1_000;
      if (outcome.failure === undefined) continue;
      await state.error(outcome.failure);
      await this.pause(backoff, lock.lost);
      backoff = Math.min(backoff * 2, maxBackoffMs);
    }
    if (!lock.lost.aborted) await state.stopped();
  }

  /** One session; `failure` says why it failed, and is undefined when it ended because it was asked to. */
  private async session(server: Server, lock: ReceiverLock, state: ReceiverStateWriter): Promise<{ failure?: string; streamed: boolean }> {
    const { ctx, root } = this.options;
    const restart = new AbortController();
    const signal = AbortSignal.any([this.stopping.signal, lock.lost, restart.signal]);
    const store = new StreamedFileStore({ ctx, root, server, events: { onError: (message) => state.note(message) } });
    const tick = setInterval(() => void this.tick(server, state, restart), 1_000);
    let streamed = false;
    try {
      await receiveWal({
        ctx,
        root,
        server,
        store,
        signal,
        timings: this.options.timings,
        report: {
          streaming: (info) => {
            streamed = true;
            void state.streaming(info);
          },
          progress: (progress) => state.progress(progress),
          warn: (message) => {
            ctx.log.warn({ server: server.name }, message);
            state.note(message);
          },
        },
      });
      return { streamed };
    } catch (error) {
      if (signal.aborted) return { streamed };
      const failure = describeReceiverError(error, server.slotName);
      ctx.log.warn({ err: error, server: server.name }, `WAL receiver: ${failure}`);
      return { failure, streamed };
    } finally {
      clearInterval(tick);
      await store.stop();
    }
  }

  /** Records the state, and restarts the session when a reset is asked for or the settings changed. */
  private async tick(server: Server, state: ReceiverStateWriter, restart: AbortController): Promise<void> {
    await state.flush();
    try {
      const [row, current] = await Promise.all([
        this.options.ctx.db.walReceiver.findUnique({ where: { serverId: server.id }, select: { resetRequested: true, stopRequested: true } }),
        this.options.ctx.db.server.findUnique({ where: { id: server.id } }),
      ]);
      if (row?.resetRequested || row?.stopRequested || !current || streamingSettings(current) !== streamingSettings(server)) restart.abort();
    } catch {
      // The catalog is unreachable: the lock's own check decides whether streaming may go on.
    }
  }

  private async pause(ms: number, also?: AbortSignal): Promise<void> {
    const signal = also ? AbortSignal.any([this.stopping.signal, also]) : this.stopping.signal;
    await sleep(ms, undefined, { signal }).catch(() => undefined);
  }
}
