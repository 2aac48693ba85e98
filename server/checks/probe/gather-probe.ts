import type { Db } from '../../db/client';
import type { Server } from '../../db/generated/client';
import { openSecret as open, streamingConninfoOf } from '../../servers/server-credentials';
import type { Fact, Probe } from '../types';
import { checkClientConfig } from './pg-client-config';
import { probeCatalog } from './probe-catalog';
import { probeCodecs } from './probe-codecs';
import { probePostgres } from './probe-postgres';
import { probeRepository } from './probe-repository';
import { probeSsh } from './probe-ssh';
import { probeStreaming } from './probe-streaming';

export const defaultCheckTimeoutMs = 30_000;

export type GatherOptions = {
  db: Db;
  server: Server;
  repositoryRoot: string;
  timeoutMs?: number;
  now?: () => Date;
};

/**
 * Gathers every fact at once, in parallel. Each network step bounds itself (connect timeout,
 * statement and query timeouts, SSH handshake and command timers, all inside the check timeout);
 * the deadline race is the last guard, so a dead host can never hold the check past timeoutMs.
 */
export async function gatherProbe(opts: GatherOptions): Promise<Probe> {
  const { db, server, repositoryRoot } = opts;
  const timeoutMs = opts.timeoutMs ?? defaultCheckTimeoutMs;
  const deadline = Date.now() + timeoutMs;
  // Network steps get most of the budget; what is left lets the report be written in time.
  const stepMs = Math.max(1000, Math.floor(timeoutMs * 0.8));
  let timedOut = false;
  const bounded = <T>(work: () => Promise<Fact<T>>, what: string): Promise<Fact<T>> =>
    withDeadline(work, deadline, what, () => {
      timedOut = true;
    });

  const streamingWanted = server.backupMethod === 'postgres' || server.streamingArchiver;
  const [postgres, streaming, catalog, repository, codecs, ssh] = await Promise.all([
    bounded(() => probePostgresOf(server, stepMs), 'PostgreSQL'),
    streamingWanted
      ? bounded(() => probeStreamingOf(server, stepMs), 'the streaming connection')
      : Promise.resolve(null),
    bounded(() => probeCatalog(db, server.id), 'the catalog'),
    bounded(() => probeRepository(repositoryRoot, server.name), 'the repository'),
    probeCodecs(),
    server.sshTarget
      ? bounded(() => probeSshOf(server, server.sshTarget ?? '', stepMs), `ssh ${server.sshTarget}`)
      : Promise.resolve(null),
  ]);
  return {
    server,
    now: opts.now?.() ?? new Date(),
    postgres,
    streaming,
    catalog,
    repository,
    codecs,
    ssh,
    timedOut,
    timeoutMs,
  };
}

function probePostgresOf(server: Server, stepMs: number) {
  const config = configOrProblem(() =>
    checkClientConfig(server.conninfo, open(server.passwordSecret, 'password'), { stepMs }),
  );
  return config.ok ? probePostgres(config.value, server.slotName) : Promise.resolve(config);
}

function probeStreamingOf(server: Server, stepMs: number) {
  const config = configOrProblem(() => {
    const { conninfo, password } = streamingConninfoOf(server);
    return checkClientConfig(conninfo, password, { stepMs, replication: true });
  });
  return config.ok ? probeStreaming(config.value) : Promise.resolve(config);
}

function probeSshOf(server: Server, target: string, stepMs: number) {
  try {
    const credentials = {
      privateKey: open(server.sshKeySecret, 'SSH key'),
      password: open(server.sshPasswordSecret, 'SSH password'),
    };
    return probeSsh(target, credentials, server.sshHostKey, stepMs);
  } catch (error) {
    return Promise.resolve({ ok: false as const, error: (error as Error).message });
  }
}

function configOrProblem<T>(build: () => T): Fact<T> {
  try {
    return { ok: true, value: build() };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

async function withDeadline<T>(
  work: () => Promise<Fact<T>>,
  deadline: number,
  what: string,
  onTimeout: () => void,
): Promise<Fact<T>> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Fact<T>>((resolve) => {
    timer = setTimeout(
      () => {
        onTimeout();
        resolve({ ok: false, error: `${what} did not answer before the check timeout`, timedOut: true });
      },
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([
      work().catch((error: unknown) => ({
        ok: false as const,
        error: error instanceof Error ? error.message : String(error),
      })),
      expired,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
