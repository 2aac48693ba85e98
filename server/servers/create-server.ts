import type { Ctx } from '../context';
import { createServerInput, type ServerView } from '../contracts/servers';
import { parseSize } from '../contracts/barman-options';
import { DomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { isUniqueViolation } from '../db/errors';
import { sealConninfo, sealOptional } from './server-secrets';
import { toServerView } from './server-view';

export async function createServer({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ServerView> {
  requireRole(ctx.actor, 'operator');
  const data = createServerInput.parse(input);
  const main = sealConninfo('conninfo', data.conninfo, data.password);
  const streaming = data.streamingConninfo ? sealConninfo('streamingConninfo', data.streamingConninfo) : undefined;
  try {
    const server = await ctx.db.server.create({
      data: {
        name: data.name,
        description: data.description,
        conninfo: main.conninfo,
        passwordSecret: main.secret ?? null,
        streamingConninfo: streaming?.conninfo ?? null,
        streamingPassSecret: streaming?.secret ?? null,
        sshTarget: data.sshTarget ?? null,
        sshKeySecret: sealOptional(data.sshPrivateKey) ?? null,
        sshPasswordSecret: sealOptional(data.sshPassword) ?? null,
        backupMethod: data.backupMethod,
        compression: data.compression,
        compressionLevel: data.compressionLevel ?? null,
        walCompression: data.walCompression,
        reuseBackup: data.reuseBackup,
        retentionPolicy: data.retentionPolicy ?? null,
        minimumRedundancy: data.minimumRedundancy,
        lastBackupMaximumAge: data.lastBackupMaximumAge ?? null,
        lastBackupMinimumSize: data.lastBackupMinimumSize ? parseSize(data.lastBackupMinimumSize) : null,
        lastWalMaximumAge: data.lastWalMaximumAge ?? null,
        slotName: data.slotName ?? null,
        createSlot: data.createSlot,
        streamingArchiver: data.streamingArchiver,
        pushArchiver: data.pushArchiver,
        enabled: data.enabled,
      },
    });
    await recordAuditEvent(ctx, { action: 'server.create', targetType: 'server', targetId: server.name, outcome: 'success', details: { name: server.name, conninfo: server.conninfo } });
    return toServerView(server);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError('conflict', `A server named '${data.name}' already exists.`, { fields: { name: [`'${data.name}' is taken; choose another name.`] } });
    }
    throw error;
  }
}
