import { createHash } from 'node:crypto';
import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { findServer } from '../servers/find-server';
import { defaultWalSegmentSize } from '../pg/wal-name';
import { parseRequestedWalFileName, parseWalFileName } from './wal-file-name';
import { readDecompressed } from '../repository/read-decompressed';
import { storedWalPath } from './wal-layout';

/**
 * get-wal: a file of the archive, decompressed, for restore_command; 404 when it is not there.
 * With `partial`, a missing segment is answered with its .partial when the archive has one (the
 * end of a timeline a promotion cut short); `name` says which file was sent.
 */
export async function getWalFile({
  ctx,
  root,
  input,
}: {
  ctx: Ctx;
  root: string;
  input: { server: string; name: string; partial?: boolean };
}): Promise<{ content: Buffer; sha256: string; name: string }> {
  requireRole(ctx.actor, 'operator', 'read WAL from the archive');
  const server = await findServer(ctx, input.server);
  const find = (name: string) =>
    ctx.db.walSegment.findUnique({ where: { serverId_name: { serverId: server.id, name } } });
  let row = await find(input.name);
  if (!row && input.partial && parseRequestedWalFileName(input.name).kind === 'segment')
    row = await find(`${input.name}.partial`);
  if (!row) {
    parseRequestedWalFileName(input.name); // garbage gets a 422, a well-formed missing name the 404
    throw new DomainError('not_found', `The archive of ${server.name} has no ${input.name}.`);
  }
  const file = parseWalFileName(
    row.name,
    row.kind === 'segment' || row.kind === 'partial' ? Number(row.size) : defaultWalSegmentSize,
  );
  const content = await readDecompressed(storedWalPath(root, server.name, file, row.codec), row.codec);
  const sha256 = createHash('sha256').update(content).digest('hex');
  // The archive must give back exactly what it took; anything else is damage on disk.
  if (sha256 !== row.checksum)
    throw new DomainError(
      'internal',
      `${row.name} in the archive of ${server.name} is damaged (its checksum no longer matches); restore it from a copy.`,
    );
  return { content, sha256, name: row.name };
}
