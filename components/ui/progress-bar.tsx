import { exactBytes, formatBytes } from '@/components/format/format-bytes';

/** Bytes done of total; without a total only the bytes done are shown (no made-up percentage). */
export function ProgressBar({ done, total, label }: { done: number; total: number | null; label: string }) {
  if (total === null || total <= 0) {
    return done > 0 ? (
      <span title={exactBytes(done)}>{formatBytes(done)} so far</span>
    ) : (
      <span className="text-zinc-500 dark:text-zinc-400">—</span>
    );
  }
  const percent = Math.min(100, Math.max(0, (done / total) * 100));
  // A total is often the server's estimate (a backup's WAL comes on top of it): never claim "120%".
  const text =
    done > total
      ? `${formatBytes(done)} (estimate was ${formatBytes(total)})`
      : `${formatBytes(done)} of ${formatBytes(total)} (${percent.toFixed(0)}%)`;
  return (
    <div className="min-w-40" title={`${exactBytes(done)} of ${exactBytes(total)}`}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
      >
        <div
          className="h-full rounded-full bg-blue-600 transition-[width] dark:bg-blue-400"
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{text}</p>
    </div>
  );
}
