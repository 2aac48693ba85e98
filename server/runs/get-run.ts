import type { Ctx } from '../context';
import type { RunView } from '../contracts/runs';
import { DomainError } from '../errors/domain-error';
import { toRunView } from './run-view';

const logTail = 200;

export async function getRun({ ctx, input }: { ctx: Ctx; input: { runId: string } }): Promise<RunView> {
  const run = await ctx.db.run.findUnique({ where: { id: input.runId }, include: { server: { select: { name: true } } } });
  if (!run) throw DomainError.notFound('Run', input.runId);
  const [logs, retries] = await Promise.all([
    ctx.db.runLog.findMany({ where: { runId: run.id }, orderBy: { id: 'desc' }, take: logTail }),
    ctx.db.run.findMany({ where: { retryOf: run.id }, orderBy: { queuedAt: 'asc' }, select: { id: true } }),
  ]);
  return { ...toRunView(run, logs.reverse()), retriedAs: retries.map((r) => r.id) };
}
