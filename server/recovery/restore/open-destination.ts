import type { Ctx } from '../../context';
import type { RestoreDestination } from '../../contracts/recovery';
import type { Server } from '../../db/generated/client';
import type { DecompressionPool } from '../../repository/decompression-pool';
import { openSecret } from '../../servers/server-credentials';
import type { Destination } from './destination';
import { localDestination } from './local-destination';
import { catalogKnownHosts, connectSsh } from './ssh-connect';
import { sshDestination } from './ssh-destination';

/** The destination of a restore, connected: local, or over SSH with the server's stored key or password. */
export async function openDestination(ctx: Ctx, server: Server, where: RestoreDestination, pool: DecompressionPool, channels: number): Promise<Destination> {
  if (where.kind === 'local') return localDestination(pool);
  const privateKey = openSecret(server.sshKeySecret, 'SSH private key');
  const password = openSecret(server.sshPasswordSecret, 'SSH password');
  if (!privateKey && !password) throw new Error(`Server ${server.name} has no SSH key or password stored: set one in its settings to restore over SSH.`);
  const session = await connectSsh(catalogKnownHosts(ctx), where.target, { privateKey, password }, channels, { hostKey: where.hostKey });
  return sshDestination(session, pool);
}
