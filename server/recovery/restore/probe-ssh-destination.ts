import { Client, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import { describeHostKey, type SshCredentials, type SshTarget } from '../../checks/probe/probe-ssh';
import type { SshDestinationTestView } from '../../contracts/ssh-destination';

// One SSH connection to a restore destination that sends credentials only to a trusted host key:
// `trust` decides from the key the host presents, and a key it refuses ends the handshake before
// authentication. When trusted and logged in, the destination path is looked at over SFTP.

export type HostKey = ReturnType<typeof describeHostKey>;

export type DestinationProbe =
  | { kind: 'unreachable'; error: string }
  | { kind: 'untrusted'; hostKey: HostKey }
  | { kind: 'login-failed'; hostKey: HostKey; error: string }
  | { kind: 'ready'; hostKey: HostKey; destination: SshDestinationTestView['destination'] };

export async function probeSshDestination(opts: {
  target: SshTarget;
  credentials: SshCredentials;
  trust: (key: HostKey) => boolean;
  path?: string;
  timeoutMs?: number;
}): Promise<DestinationProbe> {
  const { target, credentials, trust, path } = opts;
  const conn = new Client();
  let seen: HostKey | undefined;
  let trusted = false;
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.username,
    readyTimeout: opts.timeoutMs ?? 15_000,
    ...(credentials.privateKey ? { privateKey: credentials.privateKey } : {}),
    ...(credentials.password ? { password: credentials.password } : {}),
    hostVerifier: (key: Buffer) => {
      seen = describeHostKey(key);
      trusted = trust(seen);
      return trusted;
    },
  };
  try {
    await new Promise<void>((resolve, reject) => {
      conn.once('ready', () => resolve());
      conn.once('error', reject);
      conn.connect(config);
    });
  } catch (error) {
    conn.end();
    if (seen && !trusted) return { kind: 'untrusted', hostKey: seen };
    if (seen) return { kind: 'login-failed', hostKey: seen, error: (error as Error).message };
    return { kind: 'unreachable', error: describeConnectError(error as NodeJS.ErrnoException) };
  }
  try {
    const hostKey = seen ?? describeHostKey(Buffer.alloc(0));
    return { kind: 'ready', hostKey, destination: path ? await inspect(conn, path) : null };
  } finally {
    conn.end();
  }
}

function describeConnectError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') return 'connection refused: is sshd running on that port?';
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return 'host not found: check the name.';
  if (/Timed out while waiting for handshake/i.test(error.message))
    return 'no answer: is the host up and the port open?';
  return error.message;
}

async function inspect(
  conn: Client,
  path: string,
): Promise<NonNullable<SshDestinationTestView['destination']>> {
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) =>
    conn.sftp((error, s) => (error ? reject(error) : resolve(s))),
  );
  try {
    const stats = await new Promise<{ isDirectory(): boolean } | null>((resolve, reject) =>
      sftp.stat(path, (error, s) =>
        error ? ((error as { code?: number }).code === 2 ? resolve(null) : reject(error)) : resolve(s),
      ),
    );
    if (!stats) return { path, state: 'missing', entries: 0 };
    if (!stats.isDirectory()) return { path, state: 'not-a-directory', entries: 0 };
    const list = await new Promise<unknown[]>((resolve, reject) =>
      sftp.readdir(path, (error, l) => (error ? reject(error) : resolve(l))),
    );
    return { path, state: list.length ? 'not-empty' : 'empty', entries: list.length };
  } finally {
    sftp.end();
  }
}
