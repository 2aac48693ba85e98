import type { Lsn } from '../../pg/lsn';

// Receive lag as the console shows it: bytes the server has that are not flushed here, and how
// long ago the server had the oldest of them. Every server message says where its WAL ends and
// when it was sent; the earliest such sample beyond the flushed position dates the backlog.

type Sample = { serverEnd: Lsn; at: number };

export class LagTracker {
  private samples: Sample[] = [];
  private latest: Lsn = 0n;

  /** A message from the server: its end of WAL at `atMs` (the server's clock). */
  observe(serverEnd: Lsn, atMs: number): void {
    if (serverEnd <= this.latest) return;
    this.latest = serverEnd;
    this.samples.push({ serverEnd, at: atMs });
    if (this.samples.length > 4096) this.samples.splice(0, this.samples.length - 2048);
  }

  get serverEnd(): Lsn {
    return this.latest;
  }

  lagBytes(flushed: Lsn): bigint {
    return this.latest > flushed ? this.latest - flushed : 0n;
  }

  /** Milliseconds since the server first had WAL past `flushed`; 0 when nothing is behind. */
  lagMs(flushed: Lsn, nowMs: number): number {
    while (this.samples.length > 0 && this.samples[0]!.serverEnd <= flushed) this.samples.shift();
    const oldest = this.samples[0];
    return oldest ? Math.max(0, nowMs - oldest.at) : 0;
  }
}
