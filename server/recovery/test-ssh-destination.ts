import type { Ctx } from '../context';
import {
  testSshDestinationInput,
  type SshDestinationTestView,
  type TestSshDestinationInput,
} from '../contracts/ssh-destination';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { hostKeyMatches } from '../checks/evaluate/check-ssh';
import { parseSshTarget } from '../checks/probe/probe-ssh';
import { DomainError } from '../errors/domain-error';
import { openSecret } from '../servers/server-credentials';
import { findServer } from '../servers/find-server';
import { probeSshDestination, type DestinationProbe, type HostKey } from './restore/probe-ssh-destination';
import { trustsHostKey } from './restore/ssh-connect';

type Pinned = {
  keyType: string;
  keyBase64: string;
  fingerprint: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
};

/**
 * "Test connection" for an SSH restore destination: the host key it presents against the pinned
 * one, then (only for a trusted key: pinned, or accepted by the user in this request) a login
 * with the server's stored SSH credentials and a look at the destination path. A key is pinned
 * only when the user accepts the fingerprint they were shown and the login works. Audited.
 */
export async function testSshDestination({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { server: string; request: TestSshDestinationInput };
}): Promise<SshDestinationTestView> {
  requireRole(ctx.actor, 'operator');
  const server = await findServer(ctx, input.server);
  const request = testSshDestinationInput.parse(input.request);
  const target = parseSshTarget(request.target);
  const hostPort = `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
  const privateKey = openSecret(server.sshKeySecret, 'SSH private key');
  const password = openSecret(server.sshPasswordSecret, 'SSH password');
  if (!privateKey && !password)
    throw DomainError.validation(
      `Server ${server.name} has no SSH key or password stored, so Cellar cannot log in to ${request.target}.`,
      {
        target: [
          'Store an SSH private key (or password) in the server’s settings first; restores over SSH use it.',
        ],
      },
    );
  const pinned: Pinned | null = await ctx.db.sshKnownHost.findUnique({
    where: { host_port: { host: target.host, port: target.port } },
  });
  const matchesPin = (key: HostKey) =>
    pinned !== null && hostKeyMatches(`${pinned.keyType} ${pinned.keyBase64}`, key);
  const probe = await probeSshDestination({
    target,
    credentials: { privateKey, password },
    path: request.path,
    // Credentials go only to the pinned key, or to the very key the user just accepted.
    trust: (key) => trustsHostKey(pinned, request.accept, key),
  }).catch((error: unknown): DestinationProbe => ({
    kind: 'unreachable',
    error: `the destination could not be inspected: ${(error as Error).message}`,
  }));
  const view = describe(request, hostPort, probe, pinned, matchesPin);
  if (probe.kind === 'ready') {
    if (!pinned) {
      // A restore pinning the same host at this moment wins; the user then tests again.
      const created = await ctx.db.sshKnownHost.createMany({
        data: [
          {
            host: target.host,
            port: target.port,
            keyType: probe.hostKey.type,
            keyBase64: probe.hostKey.base64,
            fingerprint: probe.hostKey.sha256,
          },
        ],
        skipDuplicates: true,
      });
      if (created.count === 1) {
        await recordAuditEvent(ctx, {
          action: 'ssh-known-host.accept',
          targetType: 'ssh_host',
          targetId: hostPort,
          outcome: 'success',
          details: { server: server.name, keyType: probe.hostKey.type, fingerprint: probe.hostKey.sha256 },
        });
        view.accepted = true;
      } else
        Object.assign(view, {
          problem: `A key was pinned for ${hostPort} meanwhile.`,
          advice: 'Test the connection again.',
        });
    } else
      await ctx.db.sshKnownHost.update({
        where: { host_port: { host: target.host, port: target.port } },
        data: { lastSeenAt: new Date() },
      });
  }
  await recordAuditEvent(ctx, {
    action: 'restore.destination-test',
    targetType: 'server',
    targetId: server.name,
    outcome: view.problem ? 'failure' : 'success',
    details: {
      target: request.target,
      path: request.path ?? null,
      hostKeyStatus: view.hostKeyStatus,
      fingerprint: view.hostKey?.fingerprint ?? null,
      accepted: view.accepted,
      problem: view.problem,
    },
  });
  return view;
}

function describe(
  request: TestSshDestinationInput,
  hostPort: string,
  probe: DestinationProbe,
  pinned: Pinned | null,
  matchesPin: (key: HostKey) => boolean,
): SshDestinationTestView {
  const hostKey =
    probe.kind === 'unreachable' ? null : { type: probe.hostKey.type, fingerprint: probe.hostKey.sha256 };
  const base: SshDestinationTestView = {
    target: request.target,
    hostPort,
    hostKey,
    pinned: pinned
      ? {
          type: pinned.keyType,
          fingerprint: pinned.fingerprint,
          firstSeenAt: pinned.firstSeenAt.toISOString(),
          lastSeenAt: pinned.lastSeenAt.toISOString(),
        }
      : null,
    hostKeyStatus:
      probe.kind === 'unreachable'
        ? 'unreachable'
        : !pinned
          ? 'not-pinned'
          : matchesPin(probe.hostKey)
            ? 'matches'
            : 'changed',
    accepted: false,
    authenticated: probe.kind === 'ready',
    destination: probe.kind === 'ready' ? probe.destination : null,
    problem: null,
    advice: '',
  };
  switch (probe.kind) {
    case 'unreachable':
      return {
        ...base,
        problem: `ssh ${request.target}: ${probe.error}`,
        advice: 'Check the host, the port and that sshd runs there, then test again.',
      };
    case 'untrusted':
      if (base.hostKeyStatus === 'changed')
        return {
          ...base,
          problem: `The host key of ${hostPort} changed: it now presents ${probe.hostKey.type} ${probe.hostKey.sha256}, but ${pinned?.keyType ?? ''} ${pinned?.fingerprint ?? ''} is pinned. No credential was sent.`,
          advice:
            'If the host was rebuilt, an admin forgets the pinned key (DELETE /api/ssh-known-hosts/<host>:<port>); otherwise treat it as an attack.',
        };
      if (request.accept)
        return {
          ...base,
          problem: `The host now presents ${probe.hostKey.sha256}, not ${request.accept} that you accepted. Nothing was pinned and no credential was sent.`,
          advice: 'Compare the new fingerprint with the host before accepting it.',
        };
      return {
        ...base,
        advice: `No key is pinned for ${hostPort} yet, and no credential was sent. Compare this fingerprint with the host's own (ssh-keygen -lf /etc/ssh/ssh_host_${keyFile(probe.hostKey.type)}_key.pub on it); accept it only if they are the same.`,
      };
    case 'login-failed':
      return {
        ...base,
        problem: loginProblem(request.target, probe.error),
        advice:
          'Fix the server’s stored SSH key or password (its settings), or authorize Cellar’s key on the destination, then test again.',
      };
    case 'ready':
      return { ...base, ...destinationAdvice(base.destination) };
  }
}

function loginProblem(target: string, error: string): string {
  if (/authentication methods failed/i.test(error))
    return `ssh ${target}: the server’s stored SSH key or password was refused.`;
  return `ssh ${target}: ${error}`;
}

function destinationAdvice(
  destination: SshDestinationTestView['destination'],
): Pick<SshDestinationTestView, 'problem' | 'advice'> {
  if (!destination) return { problem: null, advice: 'The host key is trusted and the login works.' };
  switch (destination.state) {
    case 'missing':
      return {
        problem: null,
        advice: `The login works; ${destination.path} does not exist yet and will be created.`,
      };
    case 'empty':
      return { problem: null, advice: `The login works; ${destination.path} is an empty directory.` };
    case 'not-empty':
      return {
        problem: null,
        advice: `The login works; ${destination.path} holds ${destination.entries} entries: the restore refuses it unless you ask to overwrite it (which empties it first).`,
      };
    case 'not-a-directory':
      return {
        problem: `${destination.path} exists and is not a directory.`,
        advice: 'Choose a directory path.',
      };
  }
}

const keyFile = (type: string) =>
  type === 'ssh-ed25519' ? 'ed25519' : type === 'ssh-rsa' ? 'rsa' : type.startsWith('ecdsa') ? 'ecdsa' : '*';
