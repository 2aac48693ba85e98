import type { CreateServerInput, UpdateServerInput } from '@/server/contracts/servers';
import { secretKeys, type FormState, type SecretState } from './form-state';

type Plain = Omit<FormState, 'name' | 'password' | 'sshPrivateKey' | 'sshPassword'>;
type PlainValues = Omit<CreateServerInput, 'name' | 'password' | 'sshPrivateKey' | 'sshPassword'>;

const optionalTextKeys = [
  'streamingConninfo',
  'sshTarget',
  'retentionPolicy',
  'lastBackupMaximumAge',
  'lastBackupMinimumSize',
  'lastWalMaximumAge',
  'slotName',
] as const;

/** Text fields trimmed, empty optional text as null, numbers as numbers (empty level = codec default). */
function plainValues(f: Plain): PlainValues {
  const values: PlainValues = {
    description: f.description.trim(),
    conninfo: f.conninfo.trim(),
    backupMethod: f.backupMethod,
    compression: f.compression,
    compressionLevel: f.compressionLevel.trim() === '' ? null : Number(f.compressionLevel),
    walCompression: f.walCompression,
    reuseBackup: f.reuseBackup,
    minimumRedundancy: f.minimumRedundancy.trim() === '' ? 0 : Number(f.minimumRedundancy),
    createSlot: f.createSlot,
    streamingArchiver: f.streamingArchiver,
    pushArchiver: f.pushArchiver,
    enabled: f.enabled,
  };
  for (const key of optionalTextKeys) values[key] = f[key].trim() || null;
  return values;
}

export function toCreateInput(f: FormState): CreateServerInput {
  const input: CreateServerInput = { name: f.name.trim(), ...plainValues(f) };
  for (const key of secretKeys) if (f[key].value !== '') input[key] = f[key].value;
  return input;
}

function secretChange(s: SecretState): string | null | undefined {
  if (s.clear) return null;
  return s.value === '' ? undefined : s.value;
}

/** Only what changed: a PATCH leaves out what stays, and a left-out secret is kept (null clears it). */
export function toUpdateInput(f: FormState, base: FormState): UpdateServerInput {
  const now = plainValues(f);
  const before = plainValues(base);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(now) as (keyof PlainValues)[]) {
    if (key === 'enabled') continue; // toggled by its own button on the settings page
    if (now[key] !== before[key]) changes[key] = now[key];
  }
  for (const key of secretKeys) {
    const change = secretChange(f[key]);
    if (change !== undefined) changes[key] = change;
  }
  return changes;
}
