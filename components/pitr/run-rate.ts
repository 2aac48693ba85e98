// Throughput and time left of a run from the progress samples the console sees (pure).

export type Sample = { at: number; done: number };

/**
 * Bytes per second over the last few seconds of samples (the run is polled every second), and
 * the time left at that rate; null until two samples show progress.
 */
export function rateAndEta(
  samples: readonly Sample[],
  total: number | null,
): { rate: number | null; etaMs: number | null } {
  const last = samples.at(-1);
  const first = samples.find((s) => last && last.at - s.at <= 10_000);
  if (!last || !first || last.at === first.at || last.done === first.done) return { rate: null, etaMs: null };
  const rate = ((last.done - first.done) / (last.at - first.at)) * 1000;
  const etaMs = total !== null && total > last.done && rate > 0 ? ((total - last.done) / rate) * 1000 : null;
  return { rate, etaMs };
}
