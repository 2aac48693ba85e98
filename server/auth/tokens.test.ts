import { describe, expect, it } from 'vitest';
import {
  apiTokenPrefix,
  generateApiToken,
  generateSessionToken,
  hashToken,
  looksLikeToken,
  sessionTokenPrefix,
  tokenDisplayPrefix,
} from './tokens';

describe('tokens', () => {
  it('makes API tokens cellar_<43 base64url> and session tokens cs_<43 base64url>', () => {
    const api = generateApiToken();
    const session = generateSessionToken();
    expect(api).toMatch(/^cellar_[A-Za-z0-9_-]{43}$/);
    expect(session).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    expect(generateApiToken()).not.toBe(api);
    expect(looksLikeToken(api, apiTokenPrefix)).toBe(true);
    expect(looksLikeToken(api, sessionTokenPrefix)).toBe(false);
    expect(looksLikeToken(`${api}x`, apiTokenPrefix)).toBe(false);
    expect(looksLikeToken('cellar_short', apiTokenPrefix)).toBe(false);
  });

  it('stores the SHA-256 hex of a token', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('shows a short prefix: the kind plus six characters', () => {
    expect(tokenDisplayPrefix('cellar_Ab_dEfGhIjK')).toBe('cellar_Ab_dEf');
    expect(tokenDisplayPrefix('cs_abcdefghij')).toBe('cs_abcdef');
  });
});
