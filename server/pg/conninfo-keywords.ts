// The connection keywords libpq knows (PQconninfoOptions, PostgreSQL 15 to 18) and checks on
// the values Cellar relies on, so that a typo is caught when a server is saved, not at 3 a.m.

/** keyword → value, in the order written; a keyword given twice keeps its last value (as libpq). */
export type Conninfo = Record<string, string>;

export class ConninfoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConninfoError';
  }
}

export const conninfoKeywords: ReadonlySet<string> = new Set([
  'service',
  'user',
  'password',
  'passfile',
  'channel_binding',
  'connect_timeout',
  'dbname',
  'host',
  'hostaddr',
  'port',
  'client_encoding',
  'options',
  'application_name',
  'fallback_application_name',
  'keepalives',
  'keepalives_idle',
  'keepalives_interval',
  'keepalives_count',
  'tcp_user_timeout',
  'sslmode',
  'sslnegotiation',
  'sslcompression',
  'sslcert',
  'sslkey',
  'sslcertmode',
  'sslpassword',
  'sslrootcert',
  'sslcrl',
  'sslcrldir',
  'sslsni',
  'sslkeylogfile',
  'requirepeer',
  'require_auth',
  'ssl_min_protocol_version',
  'ssl_max_protocol_version',
  'min_protocol_version',
  'max_protocol_version',
  'gssencmode',
  'krbsrvname',
  'gsslib',
  'gssdelegation',
  'replication',
  'target_session_attrs',
  'load_balance_hosts',
  'scram_client_key',
  'scram_server_key',
  'oauth_issuer',
  'oauth_client_id',
  'oauth_client_secret',
  'oauth_scope',
]);

// What people type when they mean a libpq keyword (JDBC, psycopg2 kwargs, habits).
const likelyMeant: Record<string, string> = {
  database: 'dbname',
  db: 'dbname',
  username: 'user',
  hostname: 'host',
  server: 'host',
  pass: 'password',
  pwd: 'password',
  ssl: 'sslmode',
  application: 'application_name',
  timeout: 'connect_timeout',
};

export function unknownKeywordMessage(keyword: string): string {
  const hint =
    likelyMeant[keyword.toLowerCase()] ??
    (conninfoKeywords.has(keyword.toLowerCase()) ? keyword.toLowerCase() : undefined);
  return `Unknown connection option "${keyword}"${hint ? ` (did you mean "${hint}"?)` : ''}.`;
}

const enums: Record<string, readonly string[]> = {
  sslmode: ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'],
  sslnegotiation: ['postgres', 'direct'],
  channel_binding: ['disable', 'prefer', 'require'],
  gssencmode: ['disable', 'prefer', 'require'],
  sslcertmode: ['disable', 'allow', 'require'],
  target_session_attrs: ['any', 'read-write', 'read-only', 'primary', 'standby', 'prefer-standby'],
  load_balance_hosts: ['disable', 'random'],
  ssl_min_protocol_version: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
  ssl_max_protocol_version: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
  replication: ['true', 'on', 'yes', '1', 'false', 'off', 'no', '0', 'database'],
};

const integers = new Set([
  'connect_timeout',
  'keepalives',
  'keepalives_idle',
  'keepalives_interval',
  'keepalives_count',
  'tcp_user_timeout',
]);

/** The first problem with a keyword's value, or undefined. */
export function valueProblem(keyword: string, value: string): string | undefined {
  if (['host', 'hostaddr', 'port'].includes(keyword) && value.includes(',')) {
    return `"${keyword}" lists several hosts ("${value}"); Cellar connects to one server: give one ${keyword}.`;
  }
  if (
    keyword === 'port' &&
    value !== '' &&
    !(/^\d{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535)
  ) {
    return `Invalid port "${value}": use a number from 1 to 65535.`;
  }
  if (integers.has(keyword) && value !== '' && !/^-?\d{1,9}$/.test(value.trim()))
    return `"${keyword}" must be a whole number of seconds (or a count), not "${value}".`;
  const allowed = enums[keyword];
  if (allowed && !allowed.includes(keyword === 'replication' ? value.toLowerCase() : value)) {
    return `Invalid ${keyword} "${value}": use one of ${allowed.join(', ')}.`;
  }
  return undefined;
}
