// libpq-style errors, in words a DBA can act on. `pg` surfaces two kinds: Node socket errors
// (err.code like ECONNREFUSED) and PostgreSQL's own ErrorResponse (err.code is a SQLSTATE).

export type PgTarget = {
  host?: string;
  port?: number;
  user?: string;
  replication?: boolean;
  connectTimeoutMs?: number;
};

type ErrorLike = { message?: string; code?: string; address?: string; port?: number };

export function describePgError(error: unknown, target: PgTarget): string {
  const err = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const message = (err.message ?? String(error)).trim();
  // Without a target, a socket error still names the address it failed on.
  const host = target.host ?? err.address;
  const where = host?.startsWith('/') ? `the socket in ${host}` : `${host ?? 'localhost'}:${target.port ?? err.port ?? 5432}`;
  const who = target.user ?? 'the role';
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where}: is PostgreSQL running and listening there (listen_addresses, port)?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host '${target.host ?? ''}' not found: check the host name in the conninfo (DNS)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable from the Cellar host (no route): check the network and firewall`;
    case 'ETIMEDOUT':
      return timeoutText(where, target);
    case 'ECONNRESET':
      return `${where} closed the connection: ${message} (does it expect SSL, or is a proxy in the way?)`;
    case 'ENOENT':
      return `no PostgreSQL socket at ${where}: is PostgreSQL running, and is the socket directory right?`;
    case '28P01':
      return `${message}: check the password stored for this server`;
    case '28000':
      return message.includes('pg_hba.conf')
        ? `${message}: add a ${target.replication ? `"host replication ${who} <cellar address>/32 scram-sha-256"` : `"host <dbname> ${who} <cellar address>/32 scram-sha-256"`} line to pg_hba.conf and reload PostgreSQL`
        : message;
    case '3D000':
      return `${message}: fix dbname in the conninfo`;
    case '42501':
      return target.replication ? `${message}: ALTER ROLE ${who} REPLICATION;` : message;
    case '53300':
      return message.includes('max_wal_senders')
        ? `${message}: raise max_wal_senders (needs a restart)`
        : `${message}: too many connections, raise max_connections or close idle sessions`;
    case '57P03':
      return `${message}: PostgreSQL is starting up or shutting down; try again shortly`;
  }
  if (/connection timeout|timeout expired|timed out/i.test(message)) return timeoutText(where, target);
  if (/Query read timeout/i.test(message))
    return `${where} accepted the connection but did not answer a query in time: is it overloaded or stuck?`;
  return message;
}

function timeoutText(where: string, target: PgTarget): string {
  const seconds = target.connectTimeoutMs
    ? ` within ${Math.round(target.connectTimeoutMs / 100) / 10} s`
    : '';
  return `no answer from ${where}${seconds}: is the host up, and the port open in its firewall?`;
}
