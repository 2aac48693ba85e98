import { createHash, randomBytes } from 'node:crypto';

// A token is 32 random bytes (256 bits): guessing is hopeless, so a fast SHA-256 is the right
// storage hash (argon2 protects low-entropy passwords; it would only slow every API call here).
const randomPart = /^[A-Za-z0-9_-]{43}$/;

export const apiTokenPrefix = 'cellar_';
export const sessionTokenPrefix = 'cs_';

function generate(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** `cellar_<43 base64url chars>`; shown to its owner once, then only its hash is kept. */
export function generateApiToken(): string {
  return generate(apiTokenPrefix);
}

/** `cs_<43 base64url chars>`, carried in the session cookie. */
export function generateSessionToken(): string {
  return generate(sessionTokenPrefix);
}

/** Cheap shape check so garbage never reaches the database. */
export function looksLikeToken(token: string, prefix: string): boolean {
  return token.startsWith(prefix) && randomPart.test(token.slice(prefix.length));
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What the console lists to tell tokens apart, e.g. `cellar_Ab3xY9`; too short to help a guesser. */
export function tokenDisplayPrefix(token: string): string {
  const at = token.indexOf('_') + 1;
  return token.slice(0, at + 6);
}
