import type { Ctx } from '../context';
import type { ServerView } from '../contracts/servers';
import { findServer } from './find-server';
import { toServerView } from './server-view';

export async function getServer({ ctx, input }: { ctx: Ctx; input: { name: string } }): Promise<ServerView> {
  return toServerView(await findServer(ctx, input.name));
}
