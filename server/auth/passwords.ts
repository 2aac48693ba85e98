import { randomInt } from 'node:crypto';
import { hash, parseOptions, verify, type Options } from '@node-rs/argon2';
import { z } from 'zod';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): ~50 ms per hash on our 2-core machines.
// `algorithm: 2` is Argon2id; the package's enum is an ambient const enum, which isolatedModules forbids.
const argon2Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } satisfies Options;

export const passwordMinLength = 12;
// argon2 takes any length, but a megabyte "password" is only a way to burn our CPU.
export const passwordMaxLength = 256;

export const passwordSchema = z
  .string()
  .min(passwordMinLength, {
    message: `Use at least ${passwordMinLength} characters; a few unrelated words make a good password.`,
  })
  .max(passwordMaxLength, { message: `Use at most ${passwordMaxLength} characters.` });

/** What is wrong with a new password, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'This password is not acceptable.';
  if (username && password.trim().toLowerCase() === username.toLowerCase())
    return 'Do not use your username as your password.';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

/** False for a wrong password and for a hash that is not argon2 (never throws on bad input). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with weaker parameters than today's; rehash at the next login. */
export function needsRehash(passwordHash: string): boolean {
  try {
    const used = parseOptions(passwordHash);
    return (
      Number(used.algorithm) !== argon2Options.algorithm ||
      used.memoryCost < argon2Options.memoryCost ||
      used.timeCost < argon2Options.timeCost
    );
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check when the username does not exist, so response times do
 * not tell an attacker which usernames are real.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('cellar-no-such-user-placeholder');
  await verifyPassword(await dummyHash, password);
  return false;
}

// No 0/O, 1/l/I: the first admin's password is read off a terminal and typed by hand.
const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password of 20 characters (~115 bits), for the first admin and password resets. */
export function generatePassword(length = 20): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
