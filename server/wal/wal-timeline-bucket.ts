// Round bucket lengths for the WAL timeline, in seconds: the smallest that draws the window in
// at most the number of buckets asked for.
const steps = [60, 300, 900, 1_800, 3_600, 3 * 3_600, 6 * 3_600, 12 * 3_600, 86_400, 7 * 86_400, 30 * 86_400];

export function bucketSeconds(fromMs: number, toMs: number, maxBuckets: number): number {
  const span = Math.max(1, (toMs - fromMs) / 1000);
  return steps.find((s) => span / s <= maxBuckets) ?? (steps.at(-1) as number);
}
