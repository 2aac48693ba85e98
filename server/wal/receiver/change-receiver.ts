import type { Ctx } from '../../context';
import type { ReceiverAction, ReceiverActionResult } from '../../contracts/wal';
import { requireRole } from '../../auth/roles';
import { recordAuditEvent } from '../../audit/record-audit-event';
import { DomainError } from '../../errors/domain-error';
import { findServer } from '../../servers/find-server';
import { receiverView } from './receiver-view';

// The receiver's actions (Barman's receive-wal --stop / --reset, and starting it again). They
// are requests recorded in the catalog; the receiver holding the server's lock acts on them
// within a second or two (a reset at its next start, which the request itself causes).

const resetWarning =
  'The receiver will restart from the server’s current WAL position. WAL between the last segment it stored and that position will never be received: the archive keeps a gap there, and point-in-time recovery cannot cross it. Take a new backup once streaming runs again.';

export async function changeReceiver({ ctx, input }: { ctx: Ctx; input: { server: string; action: ReceiverAction } }): Promise<ReceiverActionResult> {
  requireRole(ctx.actor, 'operator', `${input.action} the WAL receiver`);
  const server = await findServer(ctx, input.server);
  if (input.action !== 'stop' && !server.streamingArchiver)
    throw new DomainError('conflict', `WAL streaming is off for ${server.name}: turn on the streaming archiver (and give a slot name) in its settings first.`);
  const data = { start: { stopRequested: false }, stop: { stopRequested: true }, reset: { resetRequested: true } }[input.action];
  const row = await ctx.db.walReceiver.upsert({ where: { serverId: server.id }, create: { serverId: server.id, ...data }, update: data });
  const warning = input.action === 'reset' ? resetWarning : undefined;
  await recordAuditEvent(ctx, { action: `wal.receiver.${input.action}`, targetType: 'server', targetId: server.name, outcome: 'success', details: warning ? { warning } : undefined });
  const receiver = receiverView(server, row);
  if (!receiver) throw new DomainError('internal', 'The receiver state could not be read back.');
  return { receiver, ...(warning ? { warning } : {}) };
}
