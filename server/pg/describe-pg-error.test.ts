import { describe, expect, it } from 'vitest';
import { describePgError } from './describe-pg-error';

const target = { host: 'db1', port: 5433, user: 'cellar', connectTimeoutMs: 5000 };

describe('describePgError', () => {
  it('turns socket errors into what to check', () => {
    expect(
      describePgError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), target),
    ).toBe(
      'connection refused by db1:5433: is PostgreSQL running and listening there (listen_addresses, port)?',
    );
    // Without a target (a backup's error), the socket error's own address is named.
    expect(describePgError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 1 }), {})).toMatch(
      /^connection refused by 127\.0\.0\.1:1:/,
    );
    expect(describePgError(Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }), target)).toMatch(
      /^host 'db1' not found/,
    );
    expect(describePgError(new Error('Connection terminated due to connection timeout'), target)).toBe(
      'no answer from db1:5433 within 5 s: is the host up, and the port open in its firewall?',
    );
    expect(
      describePgError(Object.assign(new Error('x'), { code: 'ENOENT' }), { host: '/run/postgresql' }),
    ).toMatch(/^no PostgreSQL socket at the socket in \/run\/postgresql/);
  });

  it('adds the fix to PostgreSQL errors', () => {
    expect(
      describePgError(
        Object.assign(new Error('password authentication failed for user "cellar"'), { code: '28P01' }),
        target,
      ),
    ).toBe('password authentication failed for user "cellar": check the password stored for this server');
    expect(
      describePgError(
        Object.assign(
          new Error('no pg_hba.conf entry for replication connection from host "10.0.0.5", user "cellar"'),
          { code: '28000' },
        ),
        { ...target, replication: true },
      ),
    ).toContain('"host replication cellar <cellar address>/32 scram-sha-256"');
    expect(
      describePgError(
        Object.assign(new Error('must be superuser or replication role to start walsender'), {
          code: '42501',
        }),
        { ...target, replication: true },
      ),
    ).toBe('must be superuser or replication role to start walsender: ALTER ROLE cellar REPLICATION;');
    expect(
      describePgError(
        Object.assign(
          new Error('number of requested standby connections exceeds max_wal_senders (currently 0)'),
          { code: '53300' },
        ),
        target,
      ),
    ).toMatch(/raise max_wal_senders/);
    expect(
      describePgError(Object.assign(new Error('database "nope" does not exist'), { code: '3D000' }), target),
    ).toBe('database "nope" does not exist: fix dbname in the conninfo');
  });

  it('keeps other messages as they are', () => {
    expect(describePgError(new Error('something odd'), target)).toBe('something odd');
    expect(describePgError('plain string', target)).toBe('plain string');
  });
});
