// Receive lag, defined the same way for every receiver: every 100 ms one query on the server
// reads its current WAL position (pg_current_wal_lsn) and, from pg_stat_replication, each
// receiver's flush position (what it has reported durable on its disk). A receiver's lag at a
// sample is how long ago the server first had WAL beyond the receiver's flush position: the
// time since the server's position passed it, interpolated linearly between the two samples
// around the crossing; zero when the receiver has everything the server had at that moment.

export type Sample = { at: number; serverLsn: bigint; flushed: Record<string, bigint | null> };

/** Seconds of lag of `receiver` at each sample where it reported a flush position. */
export function lagSeries(samples: readonly Sample[], receiver: string): number[] {
  const lags: number[] = [];
  for (const sample of samples) {
    const flushed = sample.flushed[receiver];
    if (flushed === undefined || flushed === null) continue;
    if (flushed >= sample.serverLsn) {
      lags.push(0);
      continue;
    }
    lags.push(Math.max(0, (sample.at - crossedAt(samples, flushed)) / 1000));
  }
  return lags;
}

/** When the server's position first went past `lsn` (positions only grow). */
function crossedAt(samples: readonly Sample[], lsn: bigint): number {
  let lo = 0;
  let hi = samples.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid]!.serverLsn > lsn) hi = mid;
    else lo = mid + 1;
  }
  const after = samples[lo]!;
  const before = samples[lo - 1];
  if (!before) return after.at;
  const span = Number(after.serverLsn - before.serverLsn);
  const fraction = span > 0 ? Number(lsn - before.serverLsn) / span : 1;
  return before.at + fraction * (after.at - before.at);
}

/** The p-th percentile (0–100), nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
