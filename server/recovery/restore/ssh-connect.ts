import { Client, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import type { Ctx } from '../../context';
import { describeHostKey, parseSshTarget, type SshCredentials } from '../../checks/probe/probe-ssh';
import { hostKeyMatches } from '../../checks/evaluate/check-ssh';

// An SSH connection to a restore destination with its host key pinned on first use and verified
// on every later connection (before any credential is sent), and several SFTP channels on it.

export type SshSession = {
  conn: Client;
  sftp: SFTPWrapper[];
  target: string;
  closed(): Error | undefined;
  /** Rejects when the connection fails or closes: SFTP requests in flight then never answer. */
  whenClosed: Promise<never>;
};

export class SshDestinationError extends Error {
  override name = 'SshDestinationError';
}

export type PinnedKey = { keyType: string; keyBase64: string; fingerprint: string };

/** Where pinned host keys live: the catalog (ssh_known_hosts) in Cellar, memory in a benchmark. */
export type KnownHosts = {
  find(host: string, port: number): Promise<PinnedKey | null>;
  pin(host: string, port: number, key: PinnedKey): Promise<void>;
};

export function catalogKnownHosts(ctx: Ctx): KnownHosts {
  return {
    find: (host, port) => ctx.db.sshKnownHost.findUnique({ where: { host_port: { host, port } } }),
    async pin(host, port, key) {
      await ctx.db.sshKnownHost.upsert({ where: { host_port: { host, port } }, create: { host, port, ...key }, update: { lastSeenAt: new Date() } });
      ctx.log.info({ host, port, fingerprint: key.fingerprint }, 'SSH host key of a restore destination seen');
    },
  };
}

export async function connectSsh(knownHosts: KnownHosts, target: string, credentials: SshCredentials, channels: number, timeoutMs = 20_000): Promise<SshSession> {
  const { host, port, username } = parseSshTarget(target);
  const pinned = await knownHosts.find(host, port);
  let seen: ReturnType<typeof describeHostKey> | undefined;
  const conn = new Client();
  await new Promise<void>((resolve, reject) => {
    const config: ConnectConfig = {
      host,
      port,
      username,
      readyTimeout: timeoutMs,
      keepaliveInterval: 5_000,
      keepaliveCountMax: 3,
      ...(credentials.privateKey ? { privateKey: credentials.privateKey } : {}),
      ...(credentials.password ? { password: credentials.password } : {}),
      hostVerifier: (key: Buffer) => {
        seen = describeHostKey(key);
        return !pinned || hostKeyMatches(`${pinned.keyType} ${pinned.keyBase64}`, seen);
      },
    };
    conn.once('ready', () => resolve());
    conn.once('error', (error: Error) => reject(new SshDestinationError(describe(error, target, seen, pinned))));
    conn.connect(config);
  });
  // First use pins the key; later uses only refresh when it was last seen.
  if (seen) await knownHosts.pin(host, port, { keyType: seen.type, keyBase64: seen.base64, fingerprint: seen.sha256 });
  let closedError: Error | undefined;
  let signalClosed: (error: Error) => void = () => undefined;
  const whenClosed = new Promise<never>((_resolve, reject) => (signalClosed = reject));
  whenClosed.catch(() => undefined);
  const close = (error: Error) => {
    closedError ??= error;
    signalClosed(closedError);
  };
  conn.on('error', (error: Error) => close(new SshDestinationError(`ssh ${target}: ${error.message}`)));
  conn.on('close', () => close(new SshDestinationError(`ssh ${target}: the connection closed during the restore`)));
  const sftp = await Promise.all(
    Array.from({ length: channels }, () => new Promise<SFTPWrapper>((resolve, reject) => conn.sftp((error, s) => (error ? reject(new SshDestinationError(`ssh ${target}: no SFTP channel (${error.message})`)) : resolve(s))))),
  );
  return { conn, sftp, target, closed: () => closedError, whenClosed };
}

function describe(error: Error, target: string, seen: ReturnType<typeof describeHostKey> | undefined, pinned: PinnedKey | null): string {
  if (seen && pinned && !hostKeyMatches(`${pinned.keyType} ${pinned.keyBase64}`, seen))
    return `The host key of ${target} changed (now ${seen.type} ${seen.sha256}, pinned ${pinned.keyType} ${pinned.fingerprint}); the restore was refused before any credential was sent. If the host was rebuilt, forget the pinned key (DELETE /api/ssh-known-hosts/<host>:<port>); otherwise treat it as an attack.`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return `ssh ${target}: connection refused: is sshd running on that port?`;
  if (code === 'ENOTFOUND') return `ssh ${target}: host not found.`;
  if (/authentication methods failed/i.test(error.message))
    return `ssh ${target}: authentication failed: add Cellar's public key to ~/.ssh/authorized_keys of that user, or fix the server's stored SSH key or password.`;
  if (/Timed out while waiting for handshake/i.test(error.message)) return `ssh ${target}: no answer: is the host up and the port open?`;
  return `ssh ${target}: ${error.message}`;
}
