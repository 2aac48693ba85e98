import type { Ctx } from '../context';
import type { Server } from '../db/generated/client';
import { DomainError } from '../errors/domain-error';

export async function findServer(ctx: Ctx, name: string): Promise<Server> {
  const server = await ctx.db.server.findUnique({ where: { name } });
  if (!server) throw DomainError.notFound('Server', name);
  return server;
}
