import type { Ctx } from '../../context';
import { ReceiverSupervisor, type SupervisorOptions } from './receiver-supervisor';

// The receiver process's view of the registry: one supervisor per server that has the streaming
// archiver on, is enabled and was not stopped by an operator. The registry is read again every
// few seconds, so a server turned on or off is picked up without restarting anything.

export type FleetOptions = Omit<SupervisorOptions, 'serverId'> & { pollMs?: number };

export class ReceiverFleet {
  private readonly supervisors = new Map<string, ReceiverSupervisor>();
  private timer: NodeJS.Timeout | undefined;
  private reconciling: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: FleetOptions) {}

  get ctx(): Ctx {
    return this.options.ctx;
  }

  start(): void {
    const tick = () => {
      this.reconciling ??= this.reconcile()
        .catch((error: unknown) => this.ctx.log.warn({ err: error }, 'WAL receiver: cannot read the server registry'))
        .finally(() => (this.reconciling = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.options.pollMs ?? 5_000);
  }

  /** Servers being streamed by a supervisor of this process (whether or not it holds the lock). */
  get serverIds(): string[] {
    return [...this.supervisors.keys()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.reconciling;
    await Promise.all([...this.supervisors.values()].map((s) => s.stop()));
    this.supervisors.clear();
  }

  private async reconcile(): Promise<void> {
    const wanted = await this.ctx.db.server.findMany({
      where: { streamingArchiver: true, enabled: true, NOT: { walReceiver: { stopRequested: true } } },
      select: { id: true, name: true },
    });
    if (this.stopped) return;
    const ids = new Set(wanted.map((s) => s.id));
    for (const server of wanted) {
      if (this.supervisors.has(server.id)) continue;
      const { pollMs: _poll, ...rest } = this.options;
      const supervisor = new ReceiverSupervisor({ ...rest, serverId: server.id });
      this.supervisors.set(server.id, supervisor);
      supervisor.start();
      this.ctx.log.info({ server: server.name }, 'WAL receiver: supervising');
    }
    const gone = [...this.supervisors].filter(([id]) => !ids.has(id));
    await Promise.all(
      gone.map(async ([id, supervisor]) => {
        this.supervisors.delete(id);
        await supervisor.stop();
        this.ctx.log.info({ serverId: id }, 'WAL receiver: no longer wanted, stopped');
      }),
    );
  }
}
