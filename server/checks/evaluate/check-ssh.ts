import type { CheckResult, Probe } from '../types';
import { failed, ok } from './result';

// Barman's rsync executor checks: `ssh` (hint "PostgreSQL server") and, only when it fails,
// `ssh output clean` (anything printed around a remote command corrupts file copies).

export function checkSsh(probe: Probe): CheckResult[] {
  const ssh = probe.ssh;
  if (ssh === null) return [];
  if (!ssh.ok) return [failed('ssh', ssh.error)];
  const { hostKey, output, exitCode } = ssh.value;
  const pinned = probe.server.sshHostKey;
  if (pinned && !hostKeyMatches(pinned, hostKey)) {
    return [
      failed(
        'ssh',
        `the host key of ${probe.server.sshTarget ?? 'the server'} changed (now ${hostKey.type} ${hostKey.sha256}, pinned ${pinned}): if the host was rebuilt, clear the pinned key; otherwise treat it as an attack`,
      ),
    ];
  }
  const results: CheckResult[] = [];
  if (exitCode !== 0)
    results.push(
      failed('ssh', `PostgreSQL server: the remote command 'true' exited with ${exitCode ?? 'a signal'}`),
    );
  else
    results.push(
      ok(
        'ssh',
        pinned
          ? 'PostgreSQL server'
          : `PostgreSQL server (host key ${hostKey.type} ${hostKey.sha256} not pinned yet)`,
      ),
    );
  if (output.trim() !== '') {
    results.push(
      failed(
        'ssh output clean',
        `the remote login must not add anything to the remote command output; it printed ${JSON.stringify(output.slice(0, 120))} (check .bashrc, motd or ForceCommand)`,
      ),
    );
  }
  return results;
}

/** A pinned key is an OpenSSH line ("ssh-ed25519 AAAA… comment"), a bare base64 key or a SHA256: fingerprint. */
export function hostKeyMatches(
  pinned: string,
  key: { type: string; base64: string; sha256: string },
): boolean {
  const text = pinned.trim();
  if (text.startsWith('SHA256:')) return text.replace(/=+$/, '') === key.sha256.replace(/=+$/, '');
  const parts = text.split(/\s+/);
  const blob = parts.length >= 2 ? parts[1] : parts[0];
  return blob === key.base64;
}
