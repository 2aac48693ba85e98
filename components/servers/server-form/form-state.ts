import type { ServerView } from '@/server/contracts/servers';

export type Codec = ServerView['compression'];
export type Method = ServerView['backupMethod'];

/** A write-only secret: never prefilled; a new value replaces it, `clear` removes it. */
export type SecretState = { value: string; clear: boolean };

export type FormState = {
  name: string;
  description: string;
  conninfo: string;
  password: SecretState;
  streamingConninfo: string;
  sshTarget: string;
  sshPrivateKey: SecretState;
  sshPassword: SecretState;
  backupMethod: Method;
  compression: Codec;
  compressionLevel: string;
  walCompression: Codec;
  reuseBackup: boolean;
  retentionPolicy: string;
  minimumRedundancy: string;
  lastBackupMaximumAge: string;
  lastBackupMinimumSize: string;
  lastWalMaximumAge: string;
  slotName: string;
  createSlot: boolean;
  streamingArchiver: boolean;
  pushArchiver: boolean;
  enabled: boolean;
};

export type SecretKey = 'password' | 'sshPrivateKey' | 'sshPassword';
export const secretKeys: readonly SecretKey[] = ['password', 'sshPrivateKey', 'sshPassword'];

const noSecret: SecretState = { value: '', clear: false };

export function emptyForm(): FormState {
  return {
    name: '',
    description: '',
    conninfo: '',
    password: noSecret,
    streamingConninfo: '',
    sshTarget: '',
    sshPrivateKey: noSecret,
    sshPassword: noSecret,
    backupMethod: 'postgres',
    compression: 'zstd',
    compressionLevel: '',
    walCompression: 'zstd',
    reuseBackup: true,
    retentionPolicy: '',
    minimumRedundancy: '0',
    lastBackupMaximumAge: '',
    lastBackupMinimumSize: '',
    lastWalMaximumAge: '',
    slotName: '',
    createSlot: true,
    streamingArchiver: false,
    pushArchiver: false,
    enabled: true,
  };
}

export function formFromServer(s: ServerView): FormState {
  return {
    name: s.name,
    description: s.description,
    conninfo: s.conninfo,
    password: noSecret,
    streamingConninfo: s.streamingConninfo ?? '',
    sshTarget: s.sshTarget ?? '',
    sshPrivateKey: noSecret,
    sshPassword: noSecret,
    backupMethod: s.backupMethod,
    compression: s.compression,
    compressionLevel: s.compressionLevel === null ? '' : String(s.compressionLevel),
    walCompression: s.walCompression,
    reuseBackup: s.reuseBackup,
    retentionPolicy: s.retentionPolicy ?? '',
    minimumRedundancy: String(s.minimumRedundancy),
    lastBackupMaximumAge: s.lastBackupMaximumAge ?? '',
    lastBackupMinimumSize: s.lastBackupMinimumSize ?? '',
    lastWalMaximumAge: s.lastWalMaximumAge ?? '',
    slotName: s.slotName ?? '',
    createSlot: s.createSlot,
    streamingArchiver: s.streamingArchiver,
    pushArchiver: s.pushArchiver,
    enabled: s.enabled,
  };
}
