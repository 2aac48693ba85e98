import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DomainError } from '../errors/domain-error';
import { AlreadyExistsError, writeFileAtomic } from './atomic-write';

// <repository>/<server>/identity.json pins which PostgreSQL cluster a server's backups and WAL
// belong to. A different system identifier means another cluster (a re-initdb, a wrong
// conninfo): mixing its files in would make every restore a gamble, so it is refused.

const identitySchema = z.object({
  systemid: z.string().regex(/^\d+$/),
  version: z.number().int().positive(),
  firstSeen: z.string(),
});
export type ServerIdentity = z.infer<typeof identitySchema>;

export async function readServerIdentity(serverDir: string): Promise<ServerIdentity | null> {
  const file = path.join(serverDir, 'identity.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = identitySchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(
      `${file} is not a valid identity file: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`,
    );
  return parsed.data;
}

/** Records the identity on first contact; afterwards returns it, or refuses another cluster. */
export async function ensureServerIdentity(
  serverDir: string,
  seen: { systemid: string; version: number },
  now = new Date(),
): Promise<ServerIdentity> {
  const existing = await readServerIdentity(serverDir);
  if (existing) return assertSameCluster(existing, seen);
  await mkdir(serverDir, { recursive: true });
  const identity: ServerIdentity = { ...seen, firstSeen: now.toISOString() };
  try {
    await writeFileAtomic(
      path.join(serverDir, 'identity.json'),
      Buffer.from(`${JSON.stringify(identity, null, 2)}\n`),
      { overwrite: false },
    );
    return identity;
  } catch (error) {
    // Another process recorded it first: theirs stands, and must match.
    if (error instanceof AlreadyExistsError)
      return assertSameCluster((await readServerIdentity(serverDir))!, seen);
    throw error;
  }
}

function assertSameCluster(existing: ServerIdentity, seen: { systemid: string }): ServerIdentity {
  if (existing.systemid === seen.systemid) return existing;
  throw new DomainError(
    'conflict',
    `This server's repository belongs to PostgreSQL system ${existing.systemid} (first seen ${existing.firstSeen}), but the server now reports system ${seen.systemid}. ` +
      'Either the conninfo points at another cluster or the cluster was re-created. Fix the conninfo, or register the new cluster as a new server.',
  );
}
