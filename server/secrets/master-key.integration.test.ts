import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFileName, loadMasterKey } from './master-key';
import { decryptSecret, encryptSecret } from './secret-box';

// The key file lives on the file system, so these run against a real temporary directory.
let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'cellar-key-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('loadMasterKey from <CELLAR_HOME>/secret.key', () => {
  it('creates a 32-byte key with permissions 0600 on first use, then reuses it', () => {
    const nested = path.join(home, 'nested', 'home');
    const first = loadMasterKey({ home: nested });
    const file = path.join(nested, keyFileName);
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o077).toBe(0);
    expect(loadMasterKey({ home: nested }).equals(first)).toBe(true);
    expect(readdirSync(nested)).toEqual([keyFileName]);
  });

  it('never overwrites an existing key file', () => {
    const existing = randomBytes(32);
    const file = path.join(home, keyFileName);
    writeFileSync(file, existing.toString('hex'), { mode: 0o600 });
    expect(loadMasterKey({ home }).equals(existing)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(existing.toString('hex'));
  });

  it('refuses a key file others can read, and says how to fix it', () => {
    loadMasterKey({ home });
    const file = path.join(home, keyFileName);
    chmodSync(file, 0o644);
    expect(() => loadMasterKey({ home })).toThrow(
      `has permissions 0644; it must be readable by Cellar's user only. Run: chmod 600 ${file}`,
    );
  });

  it('refuses a key file that does not hold a key', () => {
    writeFileSync(path.join(home, keyFileName), 'not a key\n', { mode: 0o600 });
    expect(() => loadMasterKey({ home })).toThrow(/secret\.key is not a valid master key/);
  });

  it('prefers CELLAR_SECRET_KEY and does not create a file then', () => {
    const key = randomBytes(32);
    expect(loadMasterKey({ home, secretKey: key.toString('base64') }).equals(key)).toBe(true);
    expect(readdirSync(home)).toEqual([]);
    expect(() => loadMasterKey({ home, secretKey: 'too-short' })).toThrow(
      /CELLAR_SECRET_KEY is not a valid master key/,
    );
  });

  it('seals with the file key and cannot open with another', () => {
    const key = loadMasterKey({ home });
    const sealed = encryptSecret('ssh private key', key);
    expect(decryptSecret(sealed, loadMasterKey({ home }))).toBe('ssh private key');
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrow(/different master key/);
  });
});
