import { readFileSync } from 'node:fs';
import os from 'node:os';

// How busy the whole machine was during a run, from /proc/stat: the benchmark may share its
// cores with other work (other processes, the PostgreSQL server's own backend), which every
// wall-clock figure includes and the table should show rather than hide.

export type MachineLoad = {
  /** Average number of cores busy (user, system, irq, steal) over the run. */
  busyCores: number;
  /** One-minute load average when the run started. */
  loadAverage: number;
};

const ticksPerSecond = 100; // USER_HZ on Linux

function cpuTicks(): { busy: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return { busy: (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0) };
  } catch {
    return undefined;
  }
}

/** Starts a measurement window; the returned function closes it. */
export function watchMachineLoad(): () => MachineLoad | undefined {
  const before = cpuTicks();
  const loadAverage = os.loadavg()[0] ?? 0;
  const started = process.hrtime.bigint();
  return () => {
    const after = cpuTicks();
    if (!before || !after) return undefined;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { busyCores: (after.busy - before.busy) / ticksPerSecond / seconds, loadAverage };
  };
}
