import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type pg from 'pg';
import { ConninfoError, type Conninfo } from './conninfo-keywords';

// From libpq keywords to a node-postgres client configuration. Options whose meaning `pg`
// cannot honour are refused with a reason rather than silently dropped: a conninfo that
// demands more security than we would deliver must not connect anyway.

/** pg's ClientConfig plus the replication startup parameter, which pg supports but does not type. */
export type PgClientConfig = pg.ClientConfig & { replication?: 'true' | 'database' };

export type PgClientConfigOptions = {
  /** Reads sslrootcert / sslcert / sslkey / sslcrl files; defaults to fs.readFileSync. */
  readFile?: (path: string) => Buffer | string;
};

const refused: Record<string, (value: string) => string | undefined> = {
  service: () => 'connection service files (service=) are not read: write host, port, user and dbname out',
  requirepeer: () => 'requirepeer needs a Unix-socket peer check that Cellar cannot perform',
  require_auth: () => 'require_auth is not supported by the PostgreSQL driver Cellar uses',
  // pg uses SCRAM-SHA-256-PLUS when offered but cannot refuse a server that does not offer it.
  channel_binding: (v) =>
    v === 'require'
      ? 'channel binding cannot be enforced by the driver: use sslmode=verify-full for the same protection'
      : undefined,
  sslcrldir: () => 'sslcrldir is not supported: give one CRL file with sslcrl',
  gssencmode: (v) =>
    v === 'require' ? 'GSSAPI encryption is not supported: use sslmode instead' : undefined,
  target_session_attrs: (v) =>
    v === 'any' ? undefined : 'target_session_attrs needs several hosts; Cellar connects to one server',
  sslcertmode: (v) =>
    v === 'require'
      ? 'sslcertmode=require cannot be enforced: remove it or provide sslcert/sslkey'
      : undefined,
  oauth_issuer: () => 'OAuth authentication is not supported',
  oauth_client_id: () => 'OAuth authentication is not supported',
  oauth_client_secret: () => 'OAuth authentication is not supported',
  oauth_scope: () => 'OAuth authentication is not supported',
  scram_client_key: () => 'scram_client_key is internal to postgres_fdw and not supported',
  scram_server_key: () => 'scram_server_key is internal to postgres_fdw and not supported',
};

function seconds(record: Conninfo, keyword: string): number | undefined {
  const value = record[keyword]?.trim();
  return value === undefined || value === '' ? undefined : Number(value);
}

/** libpq's sslmode semantics mapped onto Node TLS options; undefined = no TLS. */
function tlsOptions(
  record: Conninfo,
  readFile: (path: string) => Buffer | string,
): ConnectionOptions | undefined {
  const rootcert = record.sslrootcert;
  const system = rootcert === 'system';
  // sslrootcert=system means verify-full (PG 16); libpq's default sslmode is prefer, which falls
  // back to plain text when TLS fails: pg cannot fall back, so prefer and allow connect in plain.
  const mode = record.sslmode ?? (system ? 'verify-full' : 'prefer');
  if (system && mode !== 'verify-full')
    throw new ConninfoError(`sslrootcert=system needs sslmode=verify-full, not "${mode}".`);
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') return undefined;
  // With a root certificate, libpq's "require" verifies the chain like verify-ca.
  const verifyChain =
    mode === 'verify-ca' || mode === 'verify-full' || (mode === 'require' && rootcert !== undefined);
  const options: ConnectionOptions = { rejectUnauthorized: verifyChain };
  if (rootcert !== undefined && !system) options.ca = readFile(rootcert);
  if (record.sslcert !== undefined) options.cert = readFile(record.sslcert);
  if (record.sslkey !== undefined) options.key = readFile(record.sslkey);
  if (record.sslpassword !== undefined) options.passphrase = record.sslpassword;
  if (record.sslcrl !== undefined) options.crl = readFile(record.sslcrl);
  if (record.ssl_min_protocol_version)
    options.minVersion = record.ssl_min_protocol_version as ConnectionOptions['minVersion'];
  if (record.ssl_max_protocol_version)
    options.maxVersion = record.ssl_max_protocol_version as ConnectionOptions['maxVersion'];
  // verify-ca checks the chain but not the host name.
  if (mode !== 'verify-full') options.checkServerIdentity = () => undefined;
  // pg sets the TLS server name from the host it dials unless that is an IP address.
  if (record.host && record.hostaddr) options.servername = record.host;
  return options;
}

/** A pg client configuration for a parsed conninfo; `password` (stored apart) wins over one in the conninfo. */
export function toPgClientConfig(
  record: Conninfo,
  password?: string,
  options: PgClientConfigOptions = {},
): PgClientConfig {
  for (const [keyword, value] of Object.entries(record)) {
    const reason = refused[keyword]?.(value);
    if (reason) throw new ConninfoError(`Cannot use "${keyword}=${value}": ${reason}.`);
  }
  const config: PgClientConfig = {};
  // hostaddr is where libpq connects; host then only names the server (for TLS).
  const host = record.hostaddr || record.host;
  if (host) config.host = host;
  if (record.port) config.port = Number(record.port);
  if (record.user) config.user = record.user;
  if (record.dbname) config.database = record.dbname;
  const secret = password ?? (record.password || undefined);
  if (secret !== undefined) config.password = secret;
  if (record.application_name) config.application_name = record.application_name;
  if (record.fallback_application_name) config.fallback_application_name = record.fallback_application_name;
  if (record.options) config.options = record.options;
  if (record.client_encoding) config.client_encoding = record.client_encoding;
  // connect_timeout: zero or negative waits forever, and libpq raises 1 second to 2.
  const timeout = seconds(record, 'connect_timeout');
  if (timeout !== undefined && timeout > 0) config.connectionTimeoutMillis = Math.max(timeout, 2) * 1000;
  config.keepAlive = record.keepalives !== '0';
  const idle = seconds(record, 'keepalives_idle');
  if (config.keepAlive && idle !== undefined && idle > 0) config.keepAliveInitialDelayMillis = idle * 1000;
  const ssl = tlsOptions(record, options.readFile ?? ((path) => readFileSync(path)));
  if (ssl) config.ssl = ssl;
  if (record.sslnegotiation === 'direct') config.sslnegotiation = 'direct';
  if (record.channel_binding === 'prefer') config.enableChannelBinding = true;
  const replication = record.replication?.toLowerCase();
  if (replication === 'database') config.replication = 'database';
  else if (replication !== undefined && ['true', 'on', 'yes', '1'].includes(replication))
    config.replication = 'true';
  return config;
}
