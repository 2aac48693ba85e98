import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Ctx } from '../context';
import type { Server } from '../db/generated/client';
import { isUniqueViolation } from '../db/errors';
import { DomainError } from '../errors/domain-error';
import { AlreadyExistsError, writeFileAtomic } from '../repository/atomic-write';
import { compressInBlocks, sharedCompressionPool } from '../repository/compression-pool';
import { readServerIdentity } from '../repository/server-identity';
import { serverDir } from '../backup/backup-layout';
import { checkWalContent } from './check-wal-content';
import { keepConflictingFile } from './keep-conflicting-file';
import { parseRequestedWalFileName, type WalFileName } from './wal-file-name';
import type { Codec } from '../repository/codecs';
import { codecFor, storedWalPath } from './wal-layout';
import { walSegmentRow } from './wal-segment-row';
import { readDecompressed } from '../repository/read-decompressed';
import { evaluateAlerts } from '../alerts/evaluate-alerts';

// Puts one WAL file into the archive, whichever channel brought it (streaming, archive_command
// push, a backup). The rules that make the archive trustworthy (conventions §6):
//  - a stored file is never overwritten: the name is taken with link(2), which fails if it exists;
//  - an identical duplicate (same SHA-256) is accepted: archive_command retries are normal;
//  - a different file under a stored name is refused, kept aside in errors/, and reported;
//  - the catalog row is written after the file is durable; a crash in between leaves a file
//    without a row, which the next store of that name (or a rebuild) adopts after comparing.

export type WalSource = 'streaming' | 'push' | 'backup';
export type StoreWalInput = {
  server: Server;
  name: string;
  content: Buffer;
  source: WalSource;
  /** What a sender says the SHA-256 is: checked. */
  claimedSha256?: string;
  /** The SHA-256 the streaming receiver computed over these bytes as it wrote them: trusted. */
  receivedSha256?: string;
};
export type StoreWalResult = {
  outcome: 'stored' | 'duplicate';
  file: WalFileName;
  size: number;
  storedSize: number;
};

export async function storeWalFile({
  ctx,
  root,
  input,
}: {
  ctx: Ctx;
  root: string;
  input: StoreWalInput;
}): Promise<StoreWalResult> {
  const { server, content } = input;
  const named = parseRequestedWalFileName(input.name);
  const sha256 = input.receivedSha256 ?? createHash('sha256').update(content).digest('hex');
  if (input.claimedSha256 !== undefined && input.claimedSha256.toLowerCase() !== sha256)
    throw new DomainError(
      'bad_request',
      `${named.name} arrived damaged: its SHA-256 is not the one the sender computed. The sender should retry.`,
    );
  const identity = await readServerIdentity(serverDir(root, server.name));
  const file = checkWalContent(named, content, identity?.systemid ?? null);

  const existing = await ctx.db.walSegment.findUnique({
    where: { serverId_name: { serverId: server.id, name: file.name } },
  });
  if (existing) return compareWithStored(ctx, root, input, file, existing, sha256);

  const codec = codecFor(file, server.walCompression);
  const target = storedWalPath(root, server.name, file, codec);
  const stored = await compressInBlocks(sharedCompressionPool(), codec, undefined, content);
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  try {
    await writeFileAtomic(target, stored, { overwrite: false, mode: 0o600 });
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    // A file without its row: a crash between the two, or a racing writer. Its content decides.
    const onDisk = createHash('sha256')
      .update(await readDecompressed(target, codec))
      .digest('hex');
    if (onDisk !== sha256) return refuseConflict(ctx, root, input, file);
  }
  try {
    await ctx.db.walSegment.create({
      data: walSegmentRow(server.id, file, { size: content.length, storedSize: stored.length, codec, checksum: sha256, source: input.source }),
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await ctx.db.walSegment.findUniqueOrThrow({
      where: { serverId_name: { serverId: server.id, name: file.name } },
    });
    return compareWithStored(ctx, root, input, file, row, sha256);
  }
  return { outcome: 'stored', file, size: content.length, storedSize: stored.length };
}

async function compareWithStored(
  ctx: Ctx,
  root: string,
  input: StoreWalInput,
  file: WalFileName,
  stored: { checksum: string; codec: Codec },
  sha256: string,
): Promise<StoreWalResult> {
  const duplicate: StoreWalResult = { outcome: 'duplicate', file, size: input.content.length, storedSize: 0 };
  if (stored.checksum === sha256) return duplicate;
  if (file.kind === 'partial') {
    const storedContent = await readDecompressed(
      storedWalPath(root, input.server.name, file, stored.codec),
      stored.codec,
    );
    if (samePartialWal(storedContent, input.content)) return duplicate;
  }
  return refuseConflict(ctx, root, input, file);
}

/**
 * Two copies of a timeline's last, unfinished segment differ in how they end: PostgreSQL pads
 * the one it archives at promotion with zeros (and may hold a little more WAL), a receiver
 * stops at the switch point. They are the same WAL when one is a prefix of the other, once
 * trailing zeros are ignored; only a difference inside both is a conflict.
 */
export function samePartialWal(a: Buffer, b: Buffer): boolean {
  const end = (buf: Buffer) => {
    let n = buf.length;
    while (n > 0 && buf[n - 1] === 0) n--;
    return n;
  };
  const common = Math.min(end(a), end(b));
  return a.subarray(0, common).equals(b.subarray(0, common));
}

async function refuseConflict(
  ctx: Ctx,
  root: string,
  input: StoreWalInput,
  file: WalFileName,
): Promise<never> {
  const keptAs = await keepConflictingFile(root, input.server.name, file.name, input.content);
  ctx.log.error({ server: input.server.name, file: file.name, keptAs }, 'conflicting WAL file refused');
  // The alert opens now, not at the next maintenance; failing to evaluate must not change the answer.
  await evaluateAlerts({
    ctx,
    input: { serverId: input.server.id, reason: 'wal conflict', repositoryRoot: root },
  }).catch((err: unknown) => ctx.log.warn({ err }, 'alert evaluation after a WAL conflict failed'));
  throw new DomainError(
    'conflict',
    `The archive already holds a different ${file.name} for ${input.server.name}; the stored file is kept and the new one was saved as ${path.basename(keptAs)} in the server's errors directory. Find out which cluster sent it before anything else.`,
    { keptAs: path.basename(keptAs) },
  );
}
