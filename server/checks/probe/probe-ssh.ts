import { createHash } from 'node:crypto';
import { Client, type ConnectConfig } from 'ssh2';
import type { Fact, SshFacts } from '../types';
import { hostKeyMatches } from '../evaluate/check-ssh';

export type SshTarget = { username: string; host: string; port: number };
export type SshCredentials = { privateKey?: string; password?: string };

/** "user@host", "user@host:2222", "user@[::1]:2222". */
export function parseSshTarget(target: string): SshTarget {
  const at = target.lastIndexOf('@');
  if (at <= 0) throw new Error(`SSH target '${target}' is not user@host[:port]`);
  const username = target.slice(0, at);
  const rest = target.slice(at + 1);
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) return { username, host: bracketed[1] ?? '', port: Number(bracketed[2] ?? 22) };
  const parts = rest.split(':');
  if (parts.length === 2) return { username, host: parts[0] ?? '', port: Number(parts[1]) };
  return { username, host: rest, port: 22 };
}

/** The key blob as OpenSSH shows it: type, base64 and "SHA256:" fingerprint (unpadded base64). */
export function describeHostKey(blob: Buffer): SshFacts['hostKey'] {
  const typeLength = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const type = blob.subarray(4, 4 + typeLength).toString('latin1') || 'unknown';
  return {
    type,
    base64: blob.toString('base64'),
    sha256: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`,
  };
}

/**
 * Barman's `ssh` check, natively: connect, refuse a host whose key differs from the pinned one
 * (before any credential is sent), run `true` and keep whatever it printed. Both the handshake
 * and the command are bounded by timeoutMs.
 */
export function probeSsh(
  target: string,
  credentials: SshCredentials,
  pinnedHostKey: string | null,
  timeoutMs: number,
): Promise<Fact<SshFacts>> {
  let parsed: SshTarget;
  try {
    parsed = parseSshTarget(target);
  } catch (error) {
    return Promise.resolve({ ok: false, error: (error as Error).message });
  }
  return new Promise((resolve) => {
    const conn = new Client();
    let hostKey: SshFacts['hostKey'] | null = null;
    let settled = false;
    const finish = (fact: Fact<SshFacts>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      conn.end();
      resolve(fact);
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          error: `no answer from ssh ${target} within ${Math.round(timeoutMs / 1000)} s`,
          timedOut: true,
        }),
      timeoutMs,
    );
    const config: ConnectConfig = {
      host: parsed.host,
      port: parsed.port,
      username: parsed.username,
      readyTimeout: timeoutMs,
      ...(credentials.privateKey ? { privateKey: credentials.privateKey } : {}),
      ...(credentials.password ? { password: credentials.password } : {}),
      hostVerifier: (key: Buffer) => {
        hostKey = describeHostKey(key);
        return !pinnedHostKey || hostKeyMatches(pinnedHostKey, hostKey);
      },
    };
    conn.on('error', (error: Error) =>
      finish({ ok: false, error: describeSshError(error, target, hostKey, pinnedHostKey) }),
    );
    conn.on('ready', () => {
      conn.exec('true', (error, stream) => {
        if (error) return finish({ ok: false, error: `ssh ${target}: ${error.message}` });
        let output = '';
        stream.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        stream.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        stream.on('close', (code: number | null) => {
          if (hostKey) finish({ ok: true, value: { hostKey, output, exitCode: code } });
          else finish({ ok: false, error: `ssh ${target}: the server sent no host key` });
        });
      });
    });
    conn.connect(config);
  });
}

function describeSshError(
  error: Error,
  target: string,
  hostKey: SshFacts['hostKey'] | null,
  pinned: string | null,
): string {
  if (hostKey && pinned && !hostKeyMatches(pinned, hostKey)) {
    return `the host key of ${target} changed (now ${hostKey.type} ${hostKey.sha256}, pinned ${pinned}): if the host was rebuilt, clear the pinned key; otherwise treat it as an attack`;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return `ssh ${target}: connection refused: is sshd running on that port?`;
  if (code === 'ENOTFOUND') return `ssh ${target}: host not found`;
  if (/authentication methods failed/i.test(error.message))
    return `ssh ${target}: authentication failed: add Cellar's public key to ~/.ssh/authorized_keys of that user, or fix the stored key/password`;
  if (/Timed out while waiting for handshake/i.test(error.message))
    return `no answer from ssh ${target}: is the host up and port open?`;
  return `ssh ${target}: ${error.message}`;
}
