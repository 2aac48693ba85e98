import type { RunView, RunLogLine } from '../contracts/runs';
import type { Run, RunLog, Server } from '../db/generated/client';

export function toRunView(run: Run & { server?: Pick<Server, 'name'> | null }, logs?: RunLog[]): RunView {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    serverId: run.serverId,
    serverName: run.server?.name ?? null,
    phase: run.phase,
    progressDone: Number(run.progressDone),
    progressTotal: run.progressTotal === null ? null : Number(run.progressTotal),
    progressNote: run.progressNote,
    error: run.error,
    attempts: run.attempts,
    cancelRequested: run.cancelRequested,
    requestedBy: run.requestedBy,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    heartbeatAt: run.heartbeatAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    input: run.input,
    result: run.result ?? null,
    retryOf: run.retryOf,
    ...(logs ? { log: logs.map(toLogLine) } : {}),
  };
}

function toLogLine(line: RunLog): RunLogLine {
  return { id: line.id.toString(), at: line.at.toISOString(), level: line.level, message: line.message };
}
