import type { RunHandle } from '../runs/run-handle';
import type { BackupProgress } from './write-base-backup';

/**
 * Progress for the run: bytes done of the server's estimate, and a note with the current file, the throughput
 * and the time left, both over the whole copy so far (steadier than an instantaneous rate).
 */
export function progressReporter(handle: RunHandle, now = () => Date.now()): (progress: BackupProgress) => void {
  const started = now();
  return ({ bytesDone, bytesTotal, currentFile }) => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? Number(bytesDone) / seconds : 0;
    const parts = [currentFile, rate > 0 ? formatRate(rate) : null];
    if (bytesTotal !== null && rate > 0 && bytesTotal > bytesDone) parts.push(`ETA ${Math.ceil(Number(bytesTotal - bytesDone) / rate)} s`);
    handle.progress(bytesDone, bytesTotal, parts.filter(Boolean).join(' · ') || undefined);
  };
}

/** Binary units, as the console shows bytes. */
function formatRate(bytesPerSecond: number): string {
  const units = ['B/s', 'KiB/s', 'MiB/s', 'GiB/s'];
  let value = bytesPerSecond;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}
