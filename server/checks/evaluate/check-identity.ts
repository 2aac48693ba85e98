import { join } from 'node:path';
import type { CheckResult, Probe } from '../types';
import { failed, ok } from './result';

const name = 'systemid coherence';

/**
 * Barman's check_identity: the systemid over the replication connection equals the one over SQL,
 * and both equal the one stored in identity.json. Cellar also keeps it in the catalog
 * (Server.systemId), which must agree too: a different systemid means another cluster, and its
 * WAL must never be mixed into this server's archive.
 */
export function checkIdentity(probe: Probe): CheckResult[] {
  const fromStreaming = probe.streaming?.ok ? probe.streaming.value.systemId : null;
  const fromPostgres = probe.postgres.ok ? probe.postgres.value.systemId : null;
  if (fromStreaming && fromPostgres && fromStreaming !== fromPostgres) {
    return [
      failed(
        name,
        `is the streaming DSN targeting the same server of the PostgreSQL connection string? (streaming ${fromStreaming}, conninfo ${fromPostgres})`,
      ),
    ];
  }
  const live = fromStreaming ?? fromPostgres;
  if (!live) return [ok(name, 'no system Id available')];
  const recorded = probe.server.systemId;
  if (recorded && recorded !== live) {
    return [
      failed(
        name,
        `the system Id of the connected PostgreSQL server changed: ${live}, the catalog has ${recorded}; is the conninfo pointing at another cluster?`,
      ),
    ];
  }
  if (!probe.repository.ok)
    return [ok(name, 'no system Id stored on disk (the repository could not be read)')];
  const { path, identitySystemId, identityProblem } = probe.repository.value;
  if (identityProblem) return [failed(name, identityProblem)];
  if (identitySystemId === null) return [ok(name, 'no system Id stored on disk')];
  if (identitySystemId !== live) {
    return [
      failed(
        name,
        `the system Id of the connected PostgreSQL server changed (${live}), stored in "${join(path, 'identity.json')}" (${identitySystemId})`,
      ),
    ];
  }
  return [ok(name)];
}
