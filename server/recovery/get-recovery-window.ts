import type { Ctx } from '../context';
import type { RecoveryWindowView } from '../contracts/recovery';
import { requireRole } from '../auth/roles';
import { DomainError } from '../errors/domain-error';
import { findServer } from '../servers/find-server';
import { knownTimelines, loadArchiveFacts } from './archive-facts';
import { latestTimeline, timelineWindow } from './recoverable-window';

/** The recoverable window of a server: every timeline, or one. */
export async function getRecoveryWindow({ ctx, root, input }: { ctx: Ctx; root: string; input: { server: string; timeline?: number; buckets: number } }): Promise<RecoveryWindowView> {
  requireRole(ctx.actor, 'viewer');
  const server = await findServer(ctx, input.server);
  const facts = await loadArchiveFacts(ctx, server, root);
  const timelines = knownTimelines(facts);
  if (input.timeline !== undefined && !timelines.includes(input.timeline))
    throw new DomainError('not_found', `Timeline ${input.timeline} is not in the archive of ${server.name}; known timelines: ${timelines.join(', ') || 'none'}.`);
  const wanted = input.timeline === undefined ? timelines : [input.timeline];
  return { serverName: server.name, latestTimeline: latestTimeline(facts), timelines: wanted.map((t) => timelineWindow(facts, t, input.buckets)) };
}
