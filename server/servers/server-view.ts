import type { ServerView } from '../contracts/servers';
import { formatSize } from '../contracts/barman-options';
import type { Server } from '../db/generated/client';

export function toServerView(s: Server): ServerView {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    conninfo: s.conninfo,
    hasPassword: s.passwordSecret !== null,
    streamingConninfo: s.streamingConninfo,
    hasStreamingPassword: s.streamingPassSecret !== null,
    sshTarget: s.sshTarget,
    hasSshKey: s.sshKeySecret !== null,
    hasSshPassword: s.sshPasswordSecret !== null,
    sshHostKey: s.sshHostKey,
    backupMethod: s.backupMethod,
    compression: s.compression,
    compressionLevel: s.compressionLevel,
    walCompression: s.walCompression,
    reuseBackup: s.reuseBackup,
    retentionPolicy: s.retentionPolicy,
    minimumRedundancy: s.minimumRedundancy,
    lastBackupMaximumAge: s.lastBackupMaximumAge,
    lastBackupMinimumSize: s.lastBackupMinimumSize === null ? null : formatSize(s.lastBackupMinimumSize),
    lastWalMaximumAge: s.lastWalMaximumAge,
    slotName: s.slotName,
    createSlot: s.createSlot,
    streamingArchiver: s.streamingArchiver,
    pushArchiver: s.pushArchiver,
    enabled: s.enabled,
    systemId: s.systemId,
    pgVersion: s.pgVersion,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
