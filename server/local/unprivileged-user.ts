import { execFile } from 'node:child_process';
import { chown, readFile } from 'node:fs/promises';
import os from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

// initdb and postgres refuse to run as root ("cannot be run as root"), and CI runs as root. So
// when we are root, PostgreSQL runs as an unprivileged account and its directories belong to it.

export type OsUser = {
  username: string;
  uid: number;
  gid: number;
  /** True when the harness runs as root and children must drop to this user. */
  dropsPrivileges: boolean;
};

const fallbackAccount = 'cellar-test';

let cached: Promise<OsUser> | undefined;

/** The OS account that runs PostgreSQL: `postgres` or `cellar-test` when root, else ourselves. */
export function unprivilegedUser(): Promise<OsUser> {
  cached ??= resolveUser();
  return cached;
}

/** Spawn options that run a child as `user` (empty when no privilege drop is needed). */
export function spawnAs(user: OsUser): { uid?: number; gid?: number } {
  return user.dropsPrivileges ? { uid: user.uid, gid: user.gid } : {};
}

/** Gives `path` to `user` when we are root; a no-op otherwise (we already own what we create). */
export async function chownTo(user: OsUser, path: string): Promise<void> {
  if (user.dropsPrivileges) await chown(path, user.uid, user.gid);
}

async function resolveUser(): Promise<OsUser> {
  if (process.getuid?.() !== 0) {
    const me = os.userInfo();
    return { username: me.username, uid: me.uid, gid: me.gid, dropsPrivileges: false };
  }
  const existing = (await lookup('postgres')) ?? (await lookup(fallbackAccount));
  if (existing) return existing;
  try {
    await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', fallbackAccount]);
  } catch (error) {
    // Two test workers may race to create the account; the loser finds it afterwards.
    const raced = await lookup(fallbackAccount);
    if (raced) return raced;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Running as root, and could not create the unprivileged user ${fallbackAccount}: ${reason}`);
  }
  const created = await lookup(fallbackAccount);
  if (!created) throw new Error(`useradd succeeded but ${fallbackAccount} is not in /etc/passwd`);
  return created;
}

async function lookup(username: string): Promise<OsUser | undefined> {
  const passwd = await readFile('/etc/passwd', 'utf8');
  for (const line of passwd.split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (name === username && uid !== undefined && gid !== undefined) {
      return { username, uid: Number(uid), gid: Number(gid), dropsPrivileges: true };
    }
  }
  return undefined;
}
