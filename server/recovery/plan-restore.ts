import type { Ctx } from '../context';
import type { PlanRestoreInput, RestorePlanView } from '../contracts/recovery';
import { requireRole } from '../auth/roles';
import { findServer } from '../servers/find-server';
import { buildPlan } from './build-plan';

/** The dry run of a restore: target checked against the archive, backup chosen and why, WAL needed. */
export async function planRestore({ ctx, root, input }: { ctx: Ctx; root: string; input: { server: string; plan: PlanRestoreInput } }): Promise<RestorePlanView> {
  requireRole(ctx.actor, 'viewer');
  const server = await findServer(ctx, input.server);
  return (await buildPlan(ctx, server, root, input.plan)).view;
}
