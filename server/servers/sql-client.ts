import pg from 'pg';
import type { Server } from '../db/generated/client';
import { parseConninfo, toPgClientConfig } from '../pg/conninfo';
import { DomainError } from '../errors/domain-error';
import { describePgError } from '../pg/describe-pg-error';
import { openSecret } from './server-credentials';

/** A connected SQL (not replication) client for a server's conninfo, with every wait bounded. */
export async function connectSql(server: Server, timeoutMs = 10_000): Promise<pg.Client> {
  const { replication: _sqlOnly, ...config } = toPgClientConfig(parseConninfo(server.conninfo), openSecret(server.passwordSecret, 'password'));
  const client = new pg.Client({ ...config, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs, application_name: 'cellar' });
  client.on('error', () => undefined); // a lost connection surfaces on the next query
  try {
    await client.connect();
  } catch (error) {
    throw new DomainError('unavailable', `Cannot connect to ${server.name}: ${describePgError(error, { host: config.host, port: config.port, user: config.user })}.`);
  }
  return client;
}

/** Runs `work` on a fresh SQL connection and always closes it. */
export async function withSql<T>(server: Server, work: (client: pg.Client) => Promise<T>, timeoutMs?: number): Promise<T> {
  const client = await connectSql(server, timeoutMs);
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
