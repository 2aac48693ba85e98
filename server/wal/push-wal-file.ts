import type { Ctx } from '../context';
import { isDomainError } from '../errors/domain-error';
import { DomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { findServer } from '../servers/find-server';
import { afterWalStored } from './after-wal-stored';
import { storeWalFile, type StoreWalResult } from './store-wal-file';

/**
 * The archive_command channel: one file sent by cellar-wal-archive. Every stored file is in the
 * WAL catalog with its source and time, so a success is not repeated in the audit trail (a busy
 * server pushes thousands a day); a refusal is audited.
 */
export async function pushWalFile({
  ctx,
  root,
  input,
}: {
  ctx: Ctx;
  root: string;
  input: { server: string; name: string; content: Buffer; sha256?: string };
}): Promise<StoreWalResult> {
  requireRole(ctx.actor, 'operator', 'archive WAL');
  const server = await findServer(ctx, input.server);
  try {
    if (!server.pushArchiver)
      throw new DomainError(
        'conflict',
        `Push archiving is off for ${server.name}: turn on "archiver (push)" in its settings before pointing archive_command at Cellar.`,
      );
    const result = await storeWalFile({
      ctx,
      root,
      input: {
        server,
        name: input.name,
        content: input.content,
        source: 'push',
        claimedSha256: input.sha256,
      },
    });
    if (result.outcome === 'stored') await afterWalStored(ctx, root, server, result.file);
    return result;
  } catch (error) {
    if (isDomainError(error))
      await recordAuditEvent(ctx, {
        action: 'wal.push',
        targetType: 'server',
        targetId: server.name,
        outcome: 'failure',
        details: { file: input.name.slice(0, 80), reason: error.message },
      });
    throw error;
  }
}
