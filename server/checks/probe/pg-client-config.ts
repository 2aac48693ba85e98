import { parseConninfo, toPgClientConfig, type PgClientConfig } from '../../pg/conninfo';

export type CheckConnectionOptions = { stepMs: number; replication?: boolean };

// Whatever the conninfo says, a check never waits longer than its budget: libpq's connect_timeout
// is capped, and every statement is bounded on the server (statement_timeout) and on the client
// (query_timeout, which also covers replication commands such as IDENTIFY_SYSTEM).
const maxConnectMs = 10_000;
const statementMs = 5_000;

export function checkClientConfig(
  conninfo: string,
  password: string | undefined,
  opts: CheckConnectionOptions,
): PgClientConfig {
  const { replication: _ignored, ...base } = toPgClientConfig(parseConninfo(conninfo), password);
  const connectMs = Math.min(base.connectionTimeoutMillis || maxConnectMs, maxConnectMs, opts.stepMs);
  const queryMs = Math.min(statementMs, opts.stepMs);
  return {
    ...base,
    connectionTimeoutMillis: connectMs,
    query_timeout: queryMs,
    application_name: 'cellar_check',
    // Physical replication for the streaming check (IDENTIFY_SYSTEM); plain SQL otherwise, even
    // when the conninfo asks for replication.
    ...(opts.replication ? { replication: 'true' as const } : { statement_timeout: queryMs }),
  };
}
