import { setTimeout as sleep } from 'node:timers/promises';
import { finishedStatuses, type RunView } from '../contracts/runs';
import { apiPath } from './api-client';
import type { CommandContext } from './command';
import { bytes } from './output';

/** Polls a run until it finishes, reporting its phase and progress; returns the finished run. */
export async function waitForRun(ctx: CommandContext, run: RunView, everyMs = 1000): Promise<RunView> {
  let current = run;
  let said = '';
  while (!finishedStatuses.includes(current.status)) {
    await sleep(everyMs);
    current = await ctx.api.get<RunView>(apiPath('runs', current.id));
    const line = describeProgress(current);
    if (line !== said) ctx.progress(line);
    said = line;
  }
  return current;
}

function describeProgress(run: RunView): string {
  const parts = [`${run.kind} ${run.serverName ?? ''}`.trim(), run.status, run.phase ?? ''];
  if (run.progressTotal)
    parts.push(
      `${bytes(run.progressDone)} of ${bytes(run.progressTotal)} (${Math.min(100, Math.round((run.progressDone / run.progressTotal) * 100))}%)`,
    );
  else if (run.progressDone > 0) parts.push(bytes(run.progressDone));
  if (run.progressNote) parts.push(run.progressNote);
  return parts.filter(Boolean).join(' · ');
}

/** The line a finished run ends with, and the exit code it means. */
export function runOutcome(run: RunView): { text: string; exitCode: number } {
  if (run.status === 'succeeded') return { text: `${run.kind} ${run.id}: succeeded`, exitCode: 0 };
  return { text: `${run.kind} ${run.id}: ${run.status}${run.error ? ` — ${run.error}` : ''}`, exitCode: 1 };
}
