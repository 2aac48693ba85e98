import { createHash } from 'node:crypto';
import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { findServer } from '../servers/find-server';
import { defaultWalSegmentSize } from '../pg/wal-name';
import { parseRequestedWalFileName, parseWalFileName } from './wal-file-name';
import { readDecompressed } from '../repository/read-decompressed';
import { storedWalPath } from './wal-layout';

/** get-wal: a file of the archive, decompressed, for restore_command; 404 when it is not there. */
export async function getWalFile({ ctx, root, input }: { ctx: Ctx; root: string; input: { server: string; name: string } }): Promise<{ content: Buffer; sha256: string }> {
  requireRole(ctx.actor, 'operator', 'read WAL from the archive');
  const server = await findServer(ctx, input.server);
  const row = await ctx.db.walSegment.findUnique({ where: { serverId_name: { serverId: server.id, name: input.name } } });
  if (!row) {
    parseRequestedWalFileName(input.name); // garbage gets a 422, a well-formed missing name the 404
    throw new DomainError('not_found', `The archive of ${server.name} has no ${input.name}.`);
  }
  const file = parseWalFileName(input.name, row.kind === 'segment' ? Number(row.size) : defaultWalSegmentSize);
  const content = await readDecompressed(storedWalPath(root, server.name, file, row.codec), row.codec);
  const sha256 = createHash('sha256').update(content).digest('hex');
  // The archive must give back exactly what it took; anything else is damage on disk.
  if (sha256 !== row.checksum) throw new DomainError('internal', `${input.name} in the archive of ${server.name} is damaged (its checksum no longer matches); restore it from a copy.`);
  return { content, sha256 };
}
