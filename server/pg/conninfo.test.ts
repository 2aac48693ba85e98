import { describe, expect, it } from 'vitest';
import {
  ConninfoError,
  conninfoProblem,
  formatConninfo,
  parseConninfo,
  splitPassword,
  toPgClientConfig,
} from './conninfo';

describe('conninfo: key=value', () => {
  it('parses bare values and keeps the order written', () => {
    const record = parseConninfo('host=db1 port=5433 user=cellar dbname=postgres');
    expect(record).toEqual({ host: 'db1', port: '5433', user: 'cellar', dbname: 'postgres' });
    expect(Object.keys(record)).toEqual(['host', 'port', 'user', 'dbname']);
  });

  it('allows blanks around "=" and between pairs, including tabs and newlines', () => {
    expect(parseConninfo('  host = db1\tport=\n5432  ')).toEqual({ host: 'db1', port: '5432' });
    expect(parseConninfo('')).toEqual({});
    expect(parseConninfo('   ')).toEqual({});
  });

  it('reads single-quoted values with backslash escapes', () => {
    expect(() => parseConninfo("password='it''s'")).toThrow(/Missing "=" after "'s'"/);
    expect(parseConninfo("password='it\\'s a \\\\ secret'")).toEqual({ password: "it's a \\ secret" });
    expect(parseConninfo("application_name='' host=x")).toEqual({ application_name: '', host: 'x' });
    expect(parseConninfo("options='-c search_path=app'")).toEqual({ options: '-c search_path=app' });
    expect(parseConninfo("host='db1'port=1")).toEqual({ host: 'db1', port: '1' });
  });

  it('reads backslash escapes in bare values', () => {
    expect(parseConninfo('password=a\\ b\\\\c\\=')).toEqual({ password: 'a b\\c=' });
    expect(parseConninfo('password=x=y')).toEqual({ password: 'x=y' });
  });

  it('lets a repeated keyword win with its last value, as libpq does', () => {
    expect(parseConninfo('host=a host=b')).toEqual({ host: 'b' });
  });

  it.each([
    ['host', /Missing "=" after "host"/],
    ['host db1', /Missing "=" after "host"/],
    ["password='open", /Unterminated quoted string/],
    ['database=app', /Unknown connection option "database" \(did you mean "dbname"\?\)/],
    ['Host=db1', /Unknown connection option "Host" \(did you mean "host"\?\)/],
    ['frobnicate=1', /^Unknown connection option "frobnicate"\.$/],
    ['port=abc', /Invalid port "abc"/],
    ['port=70000', /Invalid port "70000"/],
    ['host=a,b', /several hosts/],
    ['port=5432,5433', /several hosts/],
    [
      'sslmode=required',
      /Invalid sslmode "required": use one of disable, allow, prefer, require, verify-ca, verify-full/,
    ],
    ['connect_timeout=ten', /"connect_timeout" must be a whole number/],
    ['replication=physical', /Invalid replication "physical"/],
    ['ssl_min_protocol_version=TLSv1.4', /Invalid ssl_min_protocol_version/],
  ])('rejects %j with a clear message', (text, message) => {
    expect(() => parseConninfo(text)).toThrow(ConninfoError);
    expect(() => parseConninfo(text)).toThrow(message);
    expect(conninfoProblem(text)).toMatch(message);
  });

  it('validates a good conninfo without a problem', () => {
    expect(conninfoProblem('host=db1 sslmode=verify-full replication=database')).toBeUndefined();
  });
});

describe('conninfo: URIs', () => {
  it('parses user, password, host, port, dbname and parameters', () => {
    expect(
      parseConninfo(
        'postgresql://cellar:s3cret@db1.example.com:5433/app?sslmode=require&application_name=cellar',
      ),
    ).toEqual({
      user: 'cellar',
      password: 's3cret',
      host: 'db1.example.com',
      port: '5433',
      dbname: 'app',
      sslmode: 'require',
      application_name: 'cellar',
    });
  });

  it('accepts the short scheme and leaves out empty parts', () => {
    expect(parseConninfo('postgres://')).toEqual({});
    expect(parseConninfo('postgresql:///app')).toEqual({ dbname: 'app' });
    expect(parseConninfo('postgresql://db1')).toEqual({ host: 'db1' });
    expect(parseConninfo('postgresql://db1:/app')).toEqual({ host: 'db1', dbname: 'app' });
    expect(parseConninfo('postgresql://@db1')).toEqual({ host: 'db1' });
    expect(parseConninfo('postgresql://db1?')).toEqual({ host: 'db1' });
  });

  it('decodes percent-escapes everywhere, and leaves "+" alone', () => {
    expect(
      parseConninfo(
        'postgresql://us%40r:p%3Aa%2Fss+w%C3%B6rd@%2Fvar%2Frun%2Fpostgresql/my%20db?options=-c%20x%3D1',
      ),
    ).toEqual({
      user: 'us@r',
      password: 'p:a/ss+wörd',
      host: '/var/run/postgresql',
      dbname: 'my db',
      options: '-c x=1',
    });
  });

  it('reads IPv6 addresses in brackets', () => {
    expect(parseConninfo('postgresql://[::1]:5433/db')).toEqual({ host: '::1', port: '5433', dbname: 'db' });
    expect(parseConninfo('postgresql://u@[2001:db8::7]')).toEqual({ user: 'u', host: '2001:db8::7' });
  });

  it('maps ssl=true to sslmode=require, as libpq does for JDBC URIs', () => {
    expect(parseConninfo('postgresql://db1?ssl=true')).toEqual({ host: 'db1', sslmode: 'require' });
  });

  it('lets query parameters override the parts before them', () => {
    expect(parseConninfo('postgresql://db1/app?host=db2&dbname=other')).toEqual({
      host: 'db2',
      dbname: 'other',
    });
  });

  it.each([
    ['postgresql://db1,db2/app', /several hosts/],
    ['postgresql://db1:5432,db2:5432/app', /several hosts/],
    ['postgresql://db1?host=a,b', /several hosts/],
    ['postgresql://[::1/app', /Missing "]"/],
    ['postgresql://[]/app', /may not be empty/],
    ['postgresql://[::1]x/app', /Unexpected "x" after the IPv6 address/],
    ['postgresql://db1/app?sslmode', /Missing "=" in URI query parameter "sslmode"/],
    ['postgresql://db1/app?a=b=c', /Extra "=" in URI query parameter "a=b=c"/],
    ['postgresql://db1/app?database=x', /Invalid URI query parameter "database".*did you mean "dbname"/],
    ['postgresql://db1/app%2', /Invalid percent-encoded token "%2"/],
    ['postgresql://db1/app%zz', /Invalid percent-encoded token "%zz"/],
    ['postgresql://db1/a%00b', /%00/],
    ['postgresql://db1:port/app', /Invalid port "port"/],
  ])('rejects %j with a clear message', (text, message) => {
    expect(() => parseConninfo(text)).toThrow(message);
  });
});

describe('conninfo: formatting', () => {
  it('writes key=value pairs, quoting only where needed', () => {
    expect(formatConninfo({ host: 'db1', port: '5432' })).toBe('host=db1 port=5432');
    expect(formatConninfo({ password: "it's a \\ secret", application_name: '' })).toBe(
      "password='it\\'s a \\\\ secret' application_name=''",
    );
  });

  it('round-trips through the parser', () => {
    const record = {
      host: '/tmp/sock dir',
      user: "o'brien",
      password: 'a\\b\tc',
      dbname: 'ünï',
      options: '-c x=1',
    };
    expect(parseConninfo(formatConninfo(record))).toEqual(record);
    expect(parseConninfo(formatConninfo(parseConninfo('postgresql://u:p%20w@h:1/d')))).toEqual({
      user: 'u',
      password: 'p w',
      host: 'h',
      port: '1',
      dbname: 'd',
    });
  });
});

describe('conninfo: splitPassword', () => {
  it('takes the password out of key=value, leaving the rest as written', () => {
    expect(splitPassword("host=db1  user=cellar password='s3 cret' dbname=app")).toEqual({
      conninfo: 'host=db1 user=cellar dbname=app',
      password: 's3 cret',
    });
    expect(splitPassword('password=a host=db1 password=b')).toEqual({ conninfo: 'host=db1', password: 'b' });
    expect(splitPassword("host='my host'  password=x")).toEqual({
      conninfo: "host='my host'",
      password: 'x',
    });
  });

  it('leaves a conninfo without password untouched', () => {
    expect(splitPassword('host=db1   user=cellar')).toEqual({ conninfo: 'host=db1   user=cellar' });
    expect(splitPassword('postgresql://u@db1/app')).toEqual({ conninfo: 'postgresql://u@db1/app' });
  });

  it('drops an empty password without reporting one', () => {
    expect(splitPassword("host=db1 password=''")).toEqual({ conninfo: 'host=db1' });
  });

  it('takes the password out of a URI, from the user part or the query', () => {
    expect(splitPassword('postgresql://cellar:s%40cret@db1:5433/app?sslmode=require')).toEqual({
      conninfo: 'postgresql://cellar@db1:5433/app?sslmode=require',
      password: 's@cret',
    });
    expect(splitPassword('postgres://:secret@db1')).toEqual({
      conninfo: 'postgres://db1',
      password: 'secret',
    });
    expect(splitPassword('postgresql://db1/app?password=x&application_name=a')).toEqual({
      conninfo: 'postgresql://db1/app?application_name=a',
      password: 'x',
    });
    expect(splitPassword('postgresql://[::1]/app?password=x')).toEqual({
      conninfo: 'postgresql://[::1]/app',
      password: 'x',
    });
  });

  it('throws on a conninfo it cannot read', () => {
    expect(() => splitPassword("password='x")).toThrow(ConninfoError);
  });
});

describe('conninfo: pg client configuration', () => {
  const files = (path: string) => `contents of ${path}`;

  it('maps the connection keywords', () => {
    const config = toPgClientConfig(
      parseConninfo(
        'host=db1 port=5433 user=cellar dbname=app application_name=cellar connect_timeout=10 options=-cstatement_timeout=0',
      ),
    );
    expect(config).toEqual({
      host: 'db1',
      port: 5433,
      user: 'cellar',
      database: 'app',
      application_name: 'cellar',
      options: '-cstatement_timeout=0',
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
    });
  });

  it('prefers the password stored apart over one in the conninfo', () => {
    expect(toPgClientConfig(parseConninfo('host=h password=inline')).password).toBe('inline');
    expect(toPgClientConfig(parseConninfo('host=h password=inline'), 'stored').password).toBe('stored');
    expect(toPgClientConfig(parseConninfo('host=h'))).not.toHaveProperty('password');
  });

  it('follows libpq on connect_timeout and keepalives', () => {
    expect(toPgClientConfig({ connect_timeout: '1' }).connectionTimeoutMillis).toBe(2000);
    expect(toPgClientConfig({ connect_timeout: '0' })).not.toHaveProperty('connectionTimeoutMillis');
    expect(toPgClientConfig({ keepalives: '0', keepalives_idle: '30' })).toMatchObject({ keepAlive: false });
    expect(toPgClientConfig({ keepalives_idle: '30' })).toMatchObject({
      keepAlive: true,
      keepAliveInitialDelayMillis: 30_000,
    });
  });

  it('connects to hostaddr and names the server by host', () => {
    const config = toPgClientConfig(
      { host: 'db.example.com', hostaddr: '10.0.0.5', sslmode: 'verify-full' },
      undefined,
      { readFile: files },
    );
    expect(config.host).toBe('10.0.0.5');
    expect(config.ssl).toMatchObject({ servername: 'db.example.com', rejectUnauthorized: true });
  });

  it('maps sslmode: no TLS up to prefer, unverified require, verify-ca without host check, verify-full', () => {
    for (const mode of [undefined, 'disable', 'allow', 'prefer'])
      expect(toPgClientConfig(mode ? { sslmode: mode } : {})).not.toHaveProperty('ssl');
    const require = toPgClientConfig({ sslmode: 'require' });
    expect(require.ssl).toMatchObject({ rejectUnauthorized: false });
    const verifyCa = toPgClientConfig({ sslmode: 'verify-ca', sslrootcert: '/ca.pem' }, undefined, {
      readFile: files,
    });
    expect(verifyCa.ssl).toMatchObject({ rejectUnauthorized: true, ca: 'contents of /ca.pem' });
    expect(typeof (verifyCa.ssl as { checkServerIdentity?: unknown }).checkServerIdentity).toBe('function');
    const full = toPgClientConfig({ sslmode: 'verify-full' });
    expect(full.ssl).toEqual({ rejectUnauthorized: true });
  });

  it('verifies the chain for require when a root certificate is given, as libpq does', () => {
    expect(
      toPgClientConfig({ sslmode: 'require', sslrootcert: '/ca.pem' }, undefined, { readFile: files }).ssl,
    ).toMatchObject({ rejectUnauthorized: true });
  });

  it('reads client certificates, keys, CRLs and protocol bounds', () => {
    const config = toPgClientConfig(
      {
        sslmode: 'verify-full',
        sslcert: '/c.pem',
        sslkey: '/k.pem',
        sslpassword: 'pp',
        sslcrl: '/crl.pem',
        ssl_min_protocol_version: 'TLSv1.3',
      },
      undefined,
      { readFile: files },
    );
    expect(config.ssl).toEqual({
      rejectUnauthorized: true,
      cert: 'contents of /c.pem',
      key: 'contents of /k.pem',
      passphrase: 'pp',
      crl: 'contents of /crl.pem',
      minVersion: 'TLSv1.3',
    });
  });

  it('treats sslrootcert=system as verify-full with the system CAs', () => {
    expect(toPgClientConfig({ sslrootcert: 'system' }).ssl).toEqual({ rejectUnauthorized: true });
    expect(() => toPgClientConfig({ sslrootcert: 'system', sslmode: 'require' })).toThrow(
      /needs sslmode=verify-full/,
    );
  });

  it('passes replication, direct TLS negotiation and channel binding preferences on', () => {
    expect(toPgClientConfig({ replication: 'true' }).replication).toBe('true');
    expect(toPgClientConfig({ replication: 'ON' }).replication).toBe('true');
    expect(toPgClientConfig({ replication: 'database' }).replication).toBe('database');
    expect(toPgClientConfig({ replication: 'false' })).not.toHaveProperty('replication');
    expect(toPgClientConfig({ sslnegotiation: 'direct', sslmode: 'require' }).sslnegotiation).toBe('direct');
    expect(toPgClientConfig({ channel_binding: 'prefer' }).enableChannelBinding).toBe(true);
  });

  it('refuses options it cannot honour, with the reason', () => {
    expect(() => toPgClientConfig({ service: 'prod' })).toThrow(
      /Cannot use "service=prod": connection service files/,
    );
    expect(() => toPgClientConfig({ channel_binding: 'require' })).toThrow(/sslmode=verify-full/);
    expect(() => toPgClientConfig({ target_session_attrs: 'read-write' })).toThrow(/one server/);
    expect(() => toPgClientConfig({ gssencmode: 'require' })).toThrow(/GSSAPI/);
    expect(() => toPgClientConfig({ require_auth: 'scram-sha-256' })).toThrow(ConninfoError);
    expect(
      toPgClientConfig({ target_session_attrs: 'any', gssencmode: 'disable', passfile: '/x', sslsni: '0' }),
    ).toEqual({ keepAlive: true });
  });

  it('connects through a Unix socket directory', () => {
    expect(toPgClientConfig(parseConninfo('postgresql://%2Fvar%2Frun%2Fpostgresql/app')).host).toBe(
      '/var/run/postgresql',
    );
  });
});
