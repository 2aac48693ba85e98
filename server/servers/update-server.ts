import type { Ctx } from '../context';
import { serverCrossFieldIssues, updateServerInput, type ServerView, type UpdateServerData } from '../contracts/servers';
import { parseSize } from '../contracts/barman-options';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import type { Prisma, Server } from '../db/generated/client';
import { findServer } from './find-server';
import { sealConninfo, sealOptional } from './server-secrets';
import { toServerView } from './server-view';

export async function updateServer({ ctx, input }: { ctx: Ctx; input: { name: string; changes: unknown } }): Promise<ServerView> {
  requireRole(ctx.actor, 'operator');
  const changes = updateServerInput.parse(input.changes);
  const current = await findServer(ctx, input.name);
  checkCrossFields(current, changes);

  const { password, sshPrivateKey, sshPassword, lastBackupMinimumSize, conninfo, streamingConninfo, ...plain } = changes;
  const data: Prisma.ServerUpdateInput = { ...plain };
  if (conninfo !== undefined || password !== undefined) {
    const sealed = sealConninfo('conninfo', conninfo ?? current.conninfo, password);
    data.conninfo = sealed.conninfo;
    if (sealed.secret !== undefined) data.passwordSecret = sealed.secret;
  }
  if (streamingConninfo !== undefined) {
    const sealed = streamingConninfo === null ? null : sealConninfo('streamingConninfo', streamingConninfo);
    data.streamingConninfo = sealed?.conninfo ?? null;
    if (sealed?.secret !== undefined) data.streamingPassSecret = sealed?.secret ?? null;
  }
  if (sshPrivateKey !== undefined) data.sshKeySecret = sealOptional(sshPrivateKey);
  if (sshPassword !== undefined) data.sshPasswordSecret = sealOptional(sshPassword);
  if (lastBackupMinimumSize !== undefined) data.lastBackupMinimumSize = lastBackupMinimumSize === null ? null : parseSize(lastBackupMinimumSize);
  if (changes.sshTarget !== undefined && changes.sshTarget !== current.sshTarget) data.sshHostKey = null;

  const server = await ctx.db.server.update({ where: { id: current.id }, data });
  const changed = Object.keys(changes).filter((k) => !['password', 'sshPrivateKey', 'sshPassword'].includes(k));
  const secretsChanged = ['password', 'sshPrivateKey', 'sshPassword'].filter((k) => k in changes);
  await recordAuditEvent(ctx, { action: 'server.update', targetType: 'server', targetId: server.name, outcome: 'success', details: { changed, secretsChanged } });
  return toServerView(server);
}

function checkCrossFields(current: Server, changes: UpdateServerData): void {
  const issues = serverCrossFieldIssues({
    backupMethod: changes.backupMethod ?? current.backupMethod,
    sshTarget: changes.sshTarget === undefined ? current.sshTarget : changes.sshTarget,
    streamingArchiver: changes.streamingArchiver ?? current.streamingArchiver,
    slotName: changes.slotName === undefined ? current.slotName : changes.slotName,
    compression: changes.compression ?? current.compression,
    compressionLevel: changes.compressionLevel === undefined ? current.compressionLevel : changes.compressionLevel,
  });
  if (issues.length) {
    const fields: Record<string, string[]> = {};
    for (const issue of issues) (fields[issue.field] ??= []).push(issue.message);
    throw DomainError.validation('Some fields are not valid together.', fields);
  }
}
