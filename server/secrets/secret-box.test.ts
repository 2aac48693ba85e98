import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from './secret-box';
import { parseMasterKey, setMasterKeyForTests } from './master-key';

const key = randomBytes(32);

beforeAll(() => setMasterKeyForTests(key));
afterAll(() => setMasterKeyForTests(undefined));

describe('encryptSecret / decryptSecret', () => {
  it('round-trips text, including empty and non-ASCII', () => {
    for (const plain of ['', 'hunter2', 'pässwörd ✓ 🔑', 'x'.repeat(10_000)]) {
      expect(decryptSecret(encryptSecret(plain))).toBe(plain);
    }
  });

  it('writes the self-describing v1 form with a fresh IV every time', () => {
    const a = encryptSecret('same');
    const b = encryptSecret('same');
    expect(a).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split(':')[1] ?? '', 'base64')).toHaveLength(12);
    expect(Buffer.from(a.split(':')[2] ?? '', 'base64')).toHaveLength(16);
  });

  it('detects a changed ciphertext, tag or IV', () => {
    const [v, iv, tag, data] = encryptSecret('the password').split(':') as [string, string, string, string];
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64');
    };
    for (const tampered of [
      [v, iv, tag, flip(data)],
      [v, iv, flip(tag), data],
      [v, flip(iv), tag, data],
    ]) {
      expect(() => decryptSecret(tampered.join(':'))).toThrow(/different master key, or it was altered/);
    }
  });

  it('refuses a secret sealed with another key', () => {
    const sealed = encryptSecret('the password', randomBytes(32));
    expect(() => decryptSecret(sealed)).toThrow(/different master key/);
  });

  it('refuses text that is not in the v1 form', () => {
    expect(() => decryptSecret('plain text')).toThrow(/not in Cellar's format/);
    expect(() => decryptSecret('v2:a:b:c')).toThrow(/not in Cellar's format/);
    expect(() => decryptSecret('v1:AAAA:AAAA:AAAA')).toThrow(/wrong length/);
  });
});

describe('parseMasterKey', () => {
  it('accepts 32 bytes as base64, base64url or hex', () => {
    const raw = randomBytes(32);
    expect(parseMasterKey(raw.toString('base64'), 'k').equals(raw)).toBe(true);
    expect(parseMasterKey(raw.toString('base64url'), 'k').equals(raw)).toBe(true);
    expect(parseMasterKey(` ${raw.toString('hex')}\n`, 'k').equals(raw)).toBe(true);
  });

  it('names the setting and says how to make a good key', () => {
    expect(() => parseMasterKey('short', 'CELLAR_SECRET_KEY')).toThrow(
      /CELLAR_SECRET_KEY is not a valid master key.*openssl rand -base64 32/,
    );
    expect(() => parseMasterKey(randomBytes(16).toString('hex'), 'CELLAR_SECRET_KEY')).toThrow(
      /CELLAR_SECRET_KEY/,
    );
  });
});
