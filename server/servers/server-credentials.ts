import type { Server } from '../db/generated/client';
import { decryptSecret } from '../secrets/secret-box';

/** A stored secret, decrypted; undefined when none is set. */
export function openSecret(secret: string | null, what: string): string | undefined {
  if (secret === null) return undefined;
  try {
    return decryptSecret(secret);
  } catch (error) {
    throw new Error(`the stored ${what} cannot be used: ${(error as Error).message}`);
  }
}

/** Barman's streaming_conninfo defaults to conninfo; so does its password. */
export function streamingConninfoOf(server: Server): { conninfo: string; password: string | undefined } {
  if (server.streamingConninfo) return { conninfo: server.streamingConninfo, password: openSecret(server.streamingPassSecret, 'streaming password') };
  return { conninfo: server.conninfo, password: openSecret(server.passwordSecret, 'password') };
}
