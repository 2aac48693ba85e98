import type { Ctx } from '../context';
import type { StartBackupData } from '../contracts/backups';
import type { RunView } from '../contracts/runs';
import type { Server } from '../db/generated/client';
import { compressionLevelProblem } from '../contracts/compression-levels';
import { DomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Producer } from '../queue/producer';
import { createRun } from '../runs/create-run';
import { toRunView } from '../runs/run-view';
import { findServer } from '../servers/find-server';

/** Queues a `backup.run`; a second request while one is queued or running for the server gets 409. */
export async function startBackup({ ctx, producer, input }: { ctx: Ctx; producer: Producer; input: { name: string; options: StartBackupData } }): Promise<RunView> {
  requireRole(ctx.actor, 'operator');
  const server = await findServer(ctx, input.name);
  return queueBackup(ctx, producer, server, input.options);
}

/** The checks and the run of one server's backup, shared with "back up all". */
export async function queueBackup(ctx: Ctx, producer: Producer, server: Server, options: StartBackupData, extra: { retryOf?: string } = {}): Promise<RunView> {
  await refuseUnlessBackupable(ctx, server, options);
  const run = await createRun({ ctx, producer, input: { kind: 'backup.run', serverId: server.id, input: options, retryOf: extra.retryOf } });
  await recordAuditEvent(ctx, { action: 'backup.start', targetType: 'server', targetId: server.name, outcome: 'success', details: { runId: run.id, ...options } });
  return toRunView({ ...run, server: { name: server.name } });
}

async function refuseUnlessBackupable(ctx: Ctx, server: Server, options: StartBackupData): Promise<void> {
  if (!server.enabled) throw new DomainError('conflict', `Server ${server.name} is disabled; enable it in its settings to back it up.`);
  if (server.backupMethod !== 'postgres')
    throw new DomainError('conflict', `Server ${server.name} uses the ssh backup method, which Cellar does not provide yet; switch it to the postgres method.`);
  const codec = options.compression ?? server.compression;
  const levelProblem = compressionLevelProblem(codec, options.compressionLevel);
  if (levelProblem) throw DomainError.validation('The compression level does not suit the codec.', { compressionLevel: [levelProblem] });
  if (options.name && (await ctx.db.backup.findFirst({ where: { serverId: server.id, name: options.name }, select: { id: true } })))
    throw DomainError.validation('That backup name is taken.', { name: [`${server.name} already has a backup named "${options.name}"; choose another name.`] });
}
