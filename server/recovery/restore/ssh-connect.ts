import { Client, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import type { Ctx } from '../../context';
import { describeHostKey, parseSshTarget, type SshCredentials } from '../../checks/probe/probe-ssh';
import { hostKeyMatches } from '../../checks/evaluate/check-ssh';
import { DomainError } from '../../errors/domain-error';

// An SSH connection to a restore destination, its host key checked before any credential is
// sent, and several SFTP channels on it. The key must be the pinned one; a host not pinned yet
// must present the fingerprint the user checked (then pinned). A key seen for the first time
// is never trusted for that alone: a restore carries the server's credentials and its data.

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

/**
 * Whether credentials may go to the key a host presents: the pinned one, or, for a host not pinned
 * yet, the one whose fingerprint the user checked and vouched for.
 */
export function trustsHostKey(pinned: Pick<PinnedKey, 'keyType' | 'keyBase64'> | null, vouchedFor: string | undefined, key: ReturnType<typeof describeHostKey>): boolean {
  return pinned ? hostKeyMatches(`${pinned.keyType} ${pinned.keyBase64}`, key) : vouchedFor !== undefined && key.sha256 === vouchedFor;
}

/** Refuses, before anything is queued, a destination whose host key nothing vouches for. */
export async function requireTrustedHostKey(knownHosts: KnownHosts, destination: { target: string; hostKey?: string }): Promise<void> {
  const { host, port } = parseSshTarget(destination.target);
  const pinned = await knownHosts.find(host, port);
  if (pinned && destination.hostKey && destination.hostKey !== pinned.fingerprint)
    throw new DomainError('conflict', `The host key pinned for ${host}:${port} is ${pinned.fingerprint}, not ${destination.hostKey}. If the host was rebuilt, forget the pinned key (DELETE /api/ssh-known-hosts/${host}:${port}) and give the new fingerprint; otherwise treat it as an attack.`);
  if (!pinned && !destination.hostKey)
    throw new DomainError('conflict', `The host key of ${host}:${port} is not pinned, and Cellar does not trust a key on first sight. Test the connection (the wizard's destination step, or POST /api/servers/<name>/ssh-destination-test) to see its fingerprint, compare it with the host's own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), and accept it; or give that fingerprint as destination.hostKey (--ssh-host-key with the CLI).`);
}

export async function connectSsh(knownHosts: KnownHosts, target: string, credentials: SshCredentials, channels: number, options: { hostKey?: string; timeoutMs?: number } = {}): Promise<SshSession> {
  const { host, port, username } = parseSshTarget(target);
  const pinned = await knownHosts.find(host, port);
  let seen: ReturnType<typeof describeHostKey> | undefined;
  const conn = new Client();
  await new Promise<void>((resolve, reject) => {
    const config: ConnectConfig = {
      host,
      port,
      username,
      readyTimeout: options.timeoutMs ?? 20_000,
      keepaliveInterval: 5_000,
      keepaliveCountMax: 3,
      ...(credentials.privateKey ? { privateKey: credentials.privateKey } : {}),
      ...(credentials.password ? { password: credentials.password } : {}),
      hostVerifier: (key: Buffer) => {
        seen = describeHostKey(key);
        return trustsHostKey(pinned, options.hostKey, seen);
      },
    };
    conn.once('ready', () => resolve());
    conn.once('error', (error: Error) => reject(new SshDestinationError(describe(error, target, seen, pinned, options.hostKey))));
    conn.connect(config);
  });
  // A checked fingerprint pins the key; later uses only refresh when it was last seen.
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

function describe(error: Error, target: string, seen: ReturnType<typeof describeHostKey> | undefined, pinned: PinnedKey | null, hostKey: string | undefined): string {
  if (seen && pinned && !hostKeyMatches(`${pinned.keyType} ${pinned.keyBase64}`, seen))
    return `The host key of ${target} changed (now ${seen.type} ${seen.sha256}, pinned ${pinned.keyType} ${pinned.fingerprint}); the restore was refused before any credential was sent. If the host was rebuilt, forget the pinned key (DELETE /api/ssh-known-hosts/<host>:<port>); otherwise treat it as an attack.`;
  if (seen && !pinned && seen.sha256 !== hostKey)
    return hostKey
      ? `${target} presented the host key ${seen.type} ${seen.sha256}, not the ${hostKey} you gave; the restore was refused before any credential was sent. Check the fingerprint on the host itself.`
      : `The host key of ${target} (${seen.type} ${seen.sha256}) is not pinned; the restore was refused before any credential was sent. Accept it after comparing it with the host's own, or give it as the destination's hostKey.`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return `ssh ${target}: connection refused: is sshd running on that port?`;
  if (code === 'ENOTFOUND') return `ssh ${target}: host not found.`;
  if (/authentication methods failed/i.test(error.message))
    return `ssh ${target}: authentication failed: add Cellar's public key to ~/.ssh/authorized_keys of that user, or fix the server's stored SSH key or password.`;
  if (/Timed out while waiting for handshake/i.test(error.message)) return `ssh ${target}: no answer: is the host up and the port open?`;
  return `ssh ${target}: ${error.message}`;
}
