import { describe, expect, it } from 'vitest';
import { isSecretKey, scrubDetails, scrubString } from './scrub-details';

describe('scrubDetails', () => {
  it('drops secret-named keys at any depth, keeps the rest', () => {
    const details = {
      name: 'main',
      password: 'p1',
      nested: {
        sshPrivateKey: '-----BEGIN',
        ssh_password: 'p2',
        apiToken: 't',
        keep: 1,
        deeper: [{ secret: 's', ok: true }],
      },
      passwordSecret: 'v1:a:b:c',
      tokenHash: 'abc',
      tokenId: 'id-1',
      secretsChanged: ['password'],
    };
    expect(scrubDetails(details)).toEqual({
      name: 'main',
      nested: { keep: 1, deeper: [{ ok: true }] },
      tokenId: 'id-1',
      secretsChanged: ['password'],
    });
  });

  it('makes values JSON-safe', () => {
    expect(
      scrubDetails({
        size: 10n,
        at: new Date('2026-01-02T03:04:05Z'),
        n: Number.NaN,
        u: undefined,
        f: () => 1,
      }),
    ).toEqual({
      size: '10',
      at: '2026-01-02T03:04:05.000Z',
      n: 'NaN',
      f: '[function]',
    });
  });

  it('masks secrets inside strings: our tokens, sealed secrets, conninfo passwords', () => {
    expect(scrubString(`used cellar_${'A'.repeat(43)}`)).toBe('used cellar_[redacted]');
    expect(scrubString('v1:aGVsbG8=:dGFn:Y2lwaGVy')).toBe('[sealed secret]');
    expect(scrubString("host=db password='s3 cret' user=x")).toBe('host=db password=[redacted] user=x');
    expect(scrubString('host=db password=s3cret user=x')).toBe('host=db password=[redacted] user=x');
    expect(scrubString('postgresql://alice:s3cret@db:5432/app')).toBe(
      'postgresql://alice:[redacted]@db:5432/app',
    );
    expect(scrubString('postgresql://alice@db/app')).toBe('postgresql://alice@db/app');
  });

  it('recognises secret key names regardless of case and separators', () => {
    for (const key of ['password', 'newPassword', 'SSH_PRIVATE_KEY', 'sessionToken', 'api-key', 'passphrase'])
      expect(isSecretKey(key)).toBe(true);
    for (const key of ['tokenId', 'username', 'passwordReset', 'tokens_count'])
      expect(isSecretKey(key)).toBe(false);
  });
});
