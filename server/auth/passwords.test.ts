import { describe, expect, it } from 'vitest';
import {
  generatePassword,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyAgainstNothing,
  verifyPassword,
} from './passwords';

describe('passwords', () => {
  it('hashes with argon2id and the chosen parameters, and verifies', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('treats a hash that is not argon2 as a mismatch, and as needing a rehash', async () => {
    expect(await verifyPassword('not a hash', 'whatever')).toBe(false);
    expect(needsRehash('not a hash')).toBe(true);
    expect(await verifyAgainstNothing('anything')).toBe(false);
  });

  it('requires at least 12 characters and says so', () => {
    expect(passwordProblem('short')).toBe(
      'Use at least 12 characters; a few unrelated words make a good password.',
    );
    expect(passwordProblem('x'.repeat(257))).toBe('Use at most 256 characters.');
    expect(passwordProblem('twelve chars')).toBeNull();
    expect(passwordProblem('Administrator', 'administrator')).toBe(
      'Do not use your username as your password.',
    );
  });

  it('generates unambiguous passwords that pass the policy', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const password = generatePassword();
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
      expect(passwordProblem(password)).toBeNull();
      seen.add(password);
    }
    expect(seen.size).toBe(50);
  });
});
