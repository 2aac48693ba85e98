import { z } from 'zod';
import { ageSchema, retentionPolicySchema, sizeSchema } from './barman-options';
import { conninfoProblem } from '../pg/conninfo';
import { compressionLevelProblem } from './compression-levels';

// The server registry's boundary: the same schemas validate the API, the console's form and
// the CLI. Field names follow Barman's options where they apply.

export const serverNamePattern = /^[a-z0-9_-]+$/;
const reservedNames = new Set(['all', 'new']);

export const serverNameSchema = z
  .string()
  .min(1, 'Give the server a name.')
  .max(63, 'Use at most 63 characters.')
  .regex(serverNamePattern, 'Use only lower-case letters, digits, "_" and "-" (as in Barman).')
  .refine((n) => !reservedNames.has(n), { message: '"all" and "new" are reserved; choose another name.' });

export const compressionSchema = z.enum(['none', 'gzip', 'lz4', 'zstd']);
export const backupMethodSchema = z.enum(['postgres', 'ssh']);

const sshTargetSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_.-]*@[A-Za-z0-9.:[\]-]+(:\d{1,5})?$/i, 'Write the SSH target as user@host or user@host:port.');

const slotNameSchema = z
  .string()
  .max(63, 'A slot name has at most 63 characters.')
  .regex(/^[a-z0-9_]+$/, 'A replication slot name uses only lower-case letters, digits and "_".');

const conninfoSchema = z
  .string()
  .trim()
  .min(1, 'Give a conninfo, e.g. "host=db1 user=cellar dbname=postgres".')
  .max(2000)
  .superRefine((value, ctx) => {
    const problem = conninfoProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const optionalText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable().optional());

const serverFields = {
  description: z.string().max(500).default(''),
  conninfo: conninfoSchema,
  password: optionalText(z.string().max(1000)),
  streamingConninfo: optionalText(conninfoSchema),
  sshTarget: optionalText(sshTargetSchema),
  sshPrivateKey: optionalText(z.string().max(20_000).regex(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'Paste a private key in OpenSSH or PEM format.')),
  sshPassword: optionalText(z.string().max(1000)),
  backupMethod: backupMethodSchema.default('postgres'),
  compression: compressionSchema.default('zstd'),
  compressionLevel: z.number().int().min(-7).max(22).nullable().optional(),
  walCompression: compressionSchema.default('zstd'),
  reuseBackup: z.boolean().default(true),
  retentionPolicy: optionalText(retentionPolicySchema),
  minimumRedundancy: z.number().int().min(0, 'Minimum redundancy cannot be negative.').max(1000).default(0),
  lastBackupMaximumAge: optionalText(ageSchema),
  lastBackupMinimumSize: optionalText(sizeSchema),
  lastWalMaximumAge: optionalText(ageSchema),
  slotName: optionalText(slotNameSchema),
  createSlot: z.boolean().default(true),
  streamingArchiver: z.boolean().default(false),
  pushArchiver: z.boolean().default(false),
  enabled: z.boolean().default(true),
};

type CrossFields = {
  backupMethod?: string;
  sshTarget?: string | null;
  streamingArchiver?: boolean;
  slotName?: string | null;
  compression?: 'none' | 'gzip' | 'lz4' | 'zstd';
  compressionLevel?: number | null;
};

/** Rules between fields, shared by create (whole object) and update (merged with the stored server). */
export function serverCrossFieldIssues(value: CrossFields): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  if (value.backupMethod === 'ssh' && !value.sshTarget) {
    issues.push({ field: 'sshTarget', message: 'The ssh backup method needs an SSH target (user@host).' });
  }
  if (value.streamingArchiver && !value.slotName) {
    issues.push({ field: 'slotName', message: 'WAL streaming needs a replication slot name so no WAL is lost while Cellar is away.' });
  }
  const levelProblem = value.compression ? compressionLevelProblem(value.compression, value.compressionLevel) : undefined;
  if (levelProblem) issues.push({ field: 'compressionLevel', message: levelProblem });
  return issues;
}

function crossFieldRules(value: CrossFields, ctx: z.RefinementCtx): void {
  for (const issue of serverCrossFieldIssues(value)) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
}

export const createServerInput = z.object({ name: serverNameSchema, ...serverFields }).strict().superRefine(crossFieldRules);
export type CreateServerInput = z.input<typeof createServerInput>;
export type CreateServerData = z.output<typeof createServerInput>;

// On update every field is optional and has no default (a missing key keeps the stored value);
// a secret set to null is cleared.
const withoutDefault = (schema: z.ZodType): z.ZodType => (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema);
export const updateServerInput = z
  .object(Object.fromEntries(Object.entries(serverFields).map(([k, s]) => [k, withoutDefault(s).optional()])) as {
    [K in keyof typeof serverFields]: z.ZodOptional<(typeof serverFields)[K]>;
  })
  .strict();
export type UpdateServerInput = z.input<typeof updateServerInput>;
export type UpdateServerData = z.output<typeof updateServerInput>;

/** A server as the API returns it: secrets never leave the catalog, only whether they are set. */
export type ServerView = {
  id: string;
  name: string;
  description: string;
  conninfo: string;
  hasPassword: boolean;
  streamingConninfo: string | null;
  hasStreamingPassword: boolean;
  sshTarget: string | null;
  hasSshKey: boolean;
  hasSshPassword: boolean;
  sshHostKey: string | null;
  backupMethod: 'postgres' | 'ssh';
  compression: 'none' | 'gzip' | 'lz4' | 'zstd';
  compressionLevel: number | null;
  walCompression: 'none' | 'gzip' | 'lz4' | 'zstd';
  reuseBackup: boolean;
  retentionPolicy: string | null;
  minimumRedundancy: number;
  lastBackupMaximumAge: string | null;
  lastBackupMinimumSize: string | null;
  lastWalMaximumAge: string | null;
  slotName: string | null;
  createSlot: boolean;
  streamingArchiver: boolean;
  pushArchiver: boolean;
  enabled: boolean;
  systemId: string | null;
  pgVersion: number | null;
  createdAt: string;
  updatedAt: string;
};
