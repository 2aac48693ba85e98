import { setTimeout as sleep } from 'node:timers/promises';
import type { Ctx } from '../context';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { describePgError } from '../pg/describe-pg-error';
import { findServer } from '../servers/find-server';
import { withSql } from '../servers/sql-client';

export type SwitchWalInput = {
  server: string;
  force?: boolean;
  waitForArchive?: boolean;
  timeoutSeconds?: number;
};
export type SwitchWalResult = { switched: boolean; closedSegment: string | null; archived: boolean | null };

/**
 * Barman's switch-wal: close the current WAL segment so it can be archived now. `force` runs a
 * CHECKPOINT first, so there is WAL to switch even on an idle server; `waitForArchive` waits
 * until the closed segment is in the archive (Barman's --archive).
 */
export async function switchWal({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: SwitchWalInput;
}): Promise<SwitchWalResult> {
  requireRole(ctx.actor, 'operator', 'switch WAL');
  const server = await findServer(ctx, input.server);
  const result = await withSql(server, async (client) => {
    try {
      if (input.force) await client.query('CHECKPOINT');
      const { rows } = await client.query<{ before: string; after: string; closed: string }>(
        `SELECT pg_walfile_name(pg_current_wal_insert_lsn()) AS before, pg_walfile_name(pg_switch_wal()) AS closed, pg_walfile_name(pg_current_wal_insert_lsn()) AS after`,
      );
      const row = rows[0];
      // Nothing written since the last switch: PostgreSQL does not switch (Barman: "No switch required").
      return row && row.before !== row.after ? row.closed : null;
    } catch (error) {
      throw new DomainError(
        'conflict',
        `PostgreSQL refused to switch WAL on ${server.name}: ${describePgError(error, {})}`,
      );
    }
  });
  let archived: boolean | null = null;
  if (input.waitForArchive && result)
    archived = await waitForArchived(ctx, server.id, result, (input.timeoutSeconds ?? 30) * 1000);
  await recordAuditEvent(ctx, {
    action: 'wal.switch',
    targetType: 'server',
    targetId: server.name,
    outcome: 'success',
    details: { force: Boolean(input.force), closedSegment: result, archived },
  });
  return { switched: result !== null, closedSegment: result, archived };
}

async function waitForArchived(
  ctx: Ctx,
  serverId: string,
  name: string,
  timeoutMs: number,
): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(250)) {
    if (
      await ctx.db.walSegment.findUnique({
        where: { serverId_name: { serverId, name } },
        select: { id: true },
      })
    )
      return true;
  }
  return false;
}
