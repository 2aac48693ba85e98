import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { env } from '../config/env';

/** Where the master key comes from: an explicit key (CELLAR_SECRET_KEY) or a key file under `home`. */
export type MasterKeySource = { secretKey?: string; home: string };

export const keyFileName = 'secret.key';
const keyBytes = 32;
const keyFormatHint =
  '32 bytes, written as 44 characters of base64 or 64 hex digits (generate one with: openssl rand -base64 32)';

let cached: Buffer | undefined;
let injected: Buffer | undefined;

/**
 * The AES-256 master key that seals every secret at rest. Loaded once per process: from
 * CELLAR_SECRET_KEY when set, else from `<CELLAR_HOME>/secret.key`, created on first use.
 * With an explicit `source` the key is loaded from it and nothing is cached (tests, tools).
 */
export function loadMasterKey(source?: MasterKeySource): Buffer {
  if (source) return loadFrom(source);
  if (injected) return injected;
  if (!cached) {
    const { CELLAR_SECRET_KEY, CELLAR_HOME } = env();
    cached = loadFrom({ secretKey: CELLAR_SECRET_KEY, home: CELLAR_HOME });
  }
  return cached;
}

/** Tests use a fixed key instead of the environment; pass undefined to go back to the normal path. */
export function setMasterKeyForTests(key: Buffer | string | undefined): void {
  injected =
    key === undefined
      ? undefined
      : typeof key === 'string'
        ? parseMasterKey(key, 'The test key')
        : checkLength(key, 'The test key');
  cached = undefined;
}

/** Parses a key written as base64 (standard or url-safe) or hex; `what` names it in the error. */
export function parseMasterKey(text: string, what: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return checkLength(Buffer.from(value, 'base64'), what);
  throw new Error(`${what} is not a valid master key: it must be ${keyFormatHint}.`);
}

function checkLength(key: Buffer, what: string): Buffer {
  if (key.length !== keyBytes)
    throw new Error(`${what} is ${key.length} bytes long; it must be ${keyFormatHint}.`);
  return key;
}

function loadFrom({ secretKey, home }: MasterKeySource): Buffer {
  if (secretKey) return parseMasterKey(secretKey, 'CELLAR_SECRET_KEY');
  const file = path.resolve(home, keyFileName);
  return readKeyFile(file) ?? createKeyFile(file);
}

function readKeyFile(file: string): Buffer | undefined {
  let mode: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile())
      throw new Error(`${file} is not a regular file. Move it away so Cellar can create its key file there.`);
    mode = stat.mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // The key decrypts every stored password and SSH key: nobody but Cellar's user may read it.
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `The key file ${file} has permissions ${mode.toString(8).padStart(4, '0')}; it must be readable by Cellar's user only. Run: chmod 600 ${file}`,
    );
  }
  return parseMasterKey(readFileSync(file, 'utf8'), `The key file ${file}`);
}

/**
 * Written to a temporary name, fsynced, then hard-linked into place. A link (unlike a rename)
 * fails when the name exists, so two processes starting at once can never replace each other's
 * key: the loser reads the winner's file, and no secret is ever sealed with a key that is lost.
 */
function createKeyFile(file: string): Buffer {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(keyBytes);
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  fsyncDir(dir);
  const stored = readKeyFile(file);
  if (!stored)
    throw new Error(
      `The key file ${file} vanished right after it was created; check what else writes to ${dir}.`,
    );
  return stored;
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
