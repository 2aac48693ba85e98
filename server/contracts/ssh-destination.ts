import { z } from 'zod';
import { restoreDestinationSchema, sshFingerprintSchema } from './recovery';

// Testing an SSH restore destination before restoring (the PITR wizard's "test connection"):
// what host key the destination presents, whether it matches the pinned one, and — once the
// key is trusted — whether the server's stored credentials log in and what is at the path.

const sshDestination = restoreDestinationSchema.options[1];

export const testSshDestinationInput = z
  .object({
    target: sshDestination.shape.target,
    path: sshDestination.shape.path.optional(),
    /** The fingerprint the user compared and accepts: pinned if the host still presents it and the login works. */
    accept: sshFingerprintSchema.optional(),
  })
  .strict();
export type TestSshDestinationInput = z.input<typeof testSshDestinationInput>;

export type HostKeyStatus = 'unreachable' | 'not-pinned' | 'matches' | 'changed';

export type SshDestinationTestView = {
  target: string;
  /** host:port, the key of the pinned host keys. */
  hostPort: string;
  /** The key the host presented; null when the host could not be reached. */
  hostKey: { type: string; fingerprint: string } | null;
  pinned: { type: string; fingerprint: string; firstSeenAt: string; lastSeenAt: string } | null;
  hostKeyStatus: HostKeyStatus;
  /** This request pinned the presented key (the user accepted it and the login worked). */
  accepted: boolean;
  /** The server's stored SSH key or password logged in (only tried once the host key is trusted). */
  authenticated: boolean;
  /** What is at the destination path over SFTP, when a path was given and the login worked. */
  destination: {
    path: string;
    state: 'missing' | 'empty' | 'not-empty' | 'not-a-directory';
    entries: number;
  } | null;
  /** What went wrong, said so a person can act on it; null when the destination is ready. */
  problem: string | null;
  /** What to do next. */
  advice: string;
};
