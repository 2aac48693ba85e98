import { startBackupInput, type StartBackupInput } from '@/server/contracts/backups';
import type { ServerView } from '@/server/contracts/servers';
import type { FieldMessages } from '@/components/api/api-error';

export type Codec = ServerView['compression'];

/** The form as typed: numbers stay text until submitted, so a half-typed value is not lost. */
export type BackupFormState = {
  name: string;
  compression: Codec;
  compressionLevel: string;
  checkpoint: 'fast' | 'spread';
  standalone: boolean;
  maxRateKbps: string;
  reuse: boolean;
};

export const backupFormFields: readonly (keyof BackupFormState)[] = [
  'name',
  'compression',
  'compressionLevel',
  'checkpoint',
  'standalone',
  'maxRateKbps',
  'reuse',
];

/** The server's settings, as the API would apply them when nothing is given. */
export function defaultBackupForm(server: ServerView): BackupFormState {
  return {
    name: '',
    compression: server.compression,
    compressionLevel: server.compressionLevel === null ? '' : String(server.compressionLevel),
    checkpoint: 'fast',
    // server/backup/backup-options.ts: without WAL archiving only a standalone backup becomes DONE.
    standalone: !(server.streamingArchiver || server.pushArchiver),
    maxRateKbps: '',
    reuse: server.reuseBackup,
  };
}

/** A level belongs to a codec: switching back to the server's codec brings back its level. */
export function levelForCodec(server: ServerView, codec: Codec): string {
  return codec === server.compression && server.compressionLevel !== null
    ? String(server.compressionLevel)
    : '';
}

// The writers' ranges (server/repository/codecs.ts); lz4-napi has no level, so lz4 and none take none.
const levelRanges: Partial<Record<Codec, [number, number]>> = { zstd: [-7, 22], gzip: [1, 9] };

export function levelHelp(codec: Codec): string {
  const range = levelRanges[codec];
  return range
    ? `Empty: the codec's default. ${codec} accepts ${range[0]} to ${range[1]}.`
    : `${codec} takes no level.`;
}

type Result = { input: StartBackupInput; errors: FieldMessages };

function wholeNumber(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (!trimmed) return null;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** The request body, checked with the API's own schema plus the codec's level range. */
export function toStartBackupInput(form: BackupFormState): Result {
  const errors: FieldMessages = {};
  const level = wholeNumber(form.compressionLevel);
  const rate = wholeNumber(form.maxRateKbps);
  if (level === undefined) errors.compressionLevel = ['Give the level as a whole number, or leave it empty.'];
  if (rate === undefined)
    errors.maxRateKbps = ['Give the rate in whole kB/s, or leave it empty for no limit.'];
  const range = levelRanges[form.compression];
  const input: StartBackupInput = {
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    compression: form.compression,
    compressionLevel: range ? (level ?? null) : null,
    checkpoint: form.checkpoint,
    standalone: form.standalone,
    maxRateKbps: rate ?? null,
    reuse: form.reuse,
  };
  if (range && typeof level === 'number' && (level < range[0] || level > range[1]))
    errors.compressionLevel = [`${form.compression} levels are ${range[0]} to ${range[1]}.`];
  const parsed = startBackupInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.length ? issue.path.map(String).join('.') : '_';
      errors[key] ??= [issue.message];
    }
  }
  return { input, errors };
}
