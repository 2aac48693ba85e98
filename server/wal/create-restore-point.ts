import type { Ctx } from '../context';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { describePgError } from '../pg/describe-pg-error';
import { findServer } from '../servers/find-server';
import { withSql } from '../servers/sql-client';

/** pg_create_restore_point: a name PITR can target. It is in the catalog once its WAL is archived and indexed. */
export async function createRestorePoint({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { server: string; name: string };
}): Promise<{ name: string; lsn: string }> {
  requireRole(ctx.actor, 'operator', 'create restore points');
  const server = await findServer(ctx, input.server);
  const lsn = await withSql(server, async (client) => {
    try {
      const { rows } = await client.query<{ lsn: string }>(
        'SELECT pg_create_restore_point($1)::text AS lsn',
        [input.name],
      );
      return rows[0]?.lsn ?? '';
    } catch (error) {
      throw new DomainError(
        'conflict',
        `PostgreSQL refused the restore point on ${server.name}: ${describePgError(error, {})}`,
      );
    }
  });
  await recordAuditEvent(ctx, {
    action: 'wal.restore_point',
    targetType: 'server',
    targetId: server.name,
    outcome: 'success',
    details: { name: input.name, lsn },
  });
  return { name: input.name, lsn };
}
