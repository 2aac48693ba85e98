import type { Ctx } from '../../context';
import type { SlotActionResult } from '../../contracts/wal';
import { requireRole } from '../../auth/roles';
import { recordAuditEvent } from '../../audit/record-audit-event';
import { DomainError, isDomainError } from '../../errors/domain-error';
import { buildDropSlot } from '../../pg/replication-commands';
import { describePgError } from '../../pg/describe-pg-error';
import { findServer } from '../../servers/find-server';
import { createSlot, requireSlotName } from './ensure-slot';
import { openReplication } from './replication-connection';

// Barman's receive-wal --create-slot (with --if-not-exists: an existing slot is fine) and
// --drop-slot, over the server's replication connection. PostgreSQL refuses to drop a slot in
// use: the receiver is stopped first.

export async function changeReplicationSlot({ ctx, input }: { ctx: Ctx; input: { server: string; action: 'create' | 'drop' } }): Promise<SlotActionResult> {
  requireRole(ctx.actor, 'operator', `${input.action} replication slots`);
  const server = await findServer(ctx, input.server);
  const slotName = requireSlotName(server);
  let result: SlotActionResult;
  try {
    const client = await openReplication(server, { applicationName: 'cellar' });
    try {
      result = input.action === 'create' ? await create(client, slotName, server.name) : await drop(client, slotName, server.name);
    } finally {
      await client.end().catch(() => undefined);
    }
  } catch (error) {
    const reason = isDomainError(error) ? error.message : describePgError(error, { replication: true });
    await recordAuditEvent(ctx, { action: `wal.slot.${input.action}`, targetType: 'server', targetId: server.name, outcome: 'failure', details: { slotName, reason } });
    throw isDomainError(error) ? error : new DomainError('conflict', `PostgreSQL refused to ${input.action} slot '${slotName}' on ${server.name}: ${reason}`);
  }
  await recordAuditEvent(ctx, { action: `wal.slot.${input.action}`, targetType: 'server', targetId: server.name, outcome: 'success', details: { slotName, outcome: result.outcome } });
  return result;
}

async function create(client: Parameters<typeof createSlot>[0], slotName: string, serverName: string): Promise<SlotActionResult> {
  const created = await createSlot(client, slotName);
  return created
    ? { slotName, outcome: 'created', message: `Replication slot '${slotName}' created on ${serverName}; it holds WAL from now on.` }
    : { slotName, outcome: 'existed', message: `Replication slot '${slotName}' already exists on ${serverName}.` };
}

async function drop(client: Parameters<typeof createSlot>[0], slotName: string, serverName: string): Promise<SlotActionResult> {
  try {
    await client.query(buildDropSlot(slotName));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42704') throw new DomainError('not_found', `Replication slot '${slotName}' does not exist on ${serverName}.`);
    if (code === '55006') throw new DomainError('conflict', `Replication slot '${slotName}' is in use on ${serverName}: stop the WAL receiver first, then drop it.`);
    throw error;
  }
  return { slotName, outcome: 'dropped', message: `Replication slot '${slotName}' dropped on ${serverName}; the server no longer keeps WAL for Cellar.` };
}
