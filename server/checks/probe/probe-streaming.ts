import pg from 'pg';
import type { PgClientConfig } from '../../pg/conninfo';
import type { Fact, StreamingFacts } from '../types';
import { describePgError } from '../../pg/describe-pg-error';

/**
 * Barman's StreamingConnection check: a physical replication connection (the startup packet
 * carries replication=true) answers IDENTIFY_SYSTEM. That proves pg_hba.conf, the REPLICATION
 * attribute and a free walsender slot (max_wal_senders) in one round trip.
 */
export async function probeStreaming(config: PgClientConfig): Promise<Fact<StreamingFacts>> {
  const client = new pg.Client({ ...config, replication: 'true' } as PgClientConfig);
  client.on('error', () => undefined);
  const target = {
    host: config.host,
    port: config.port,
    user: config.user,
    replication: true,
    connectTimeoutMs: config.connectionTimeoutMillis,
  };
  try {
    await client.connect();
    const result = await client.query<{ systemid: string; timeline: string | number; xlogpos: string }>(
      'IDENTIFY_SYSTEM',
    );
    const row = result.rows[0];
    if (!row) return { ok: false, error: 'IDENTIFY_SYSTEM returned no row' };
    return {
      ok: true,
      value: { systemId: String(row.systemid), timeline: Number(row.timeline), xlogpos: row.xlogpos },
    };
  } catch (error) {
    return { ok: false, error: describePgError(error, target) };
  } finally {
    await client.end().catch(() => undefined);
  }
}
