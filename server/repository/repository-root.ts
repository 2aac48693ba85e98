import { join, resolve } from 'node:path';
import { env } from '../config/env';

/** `<CELLAR_REPOSITORY or CELLAR_HOME/repository>`: where every server's directory lives. */
export function repositoryRoot(): string {
  const { CELLAR_REPOSITORY, CELLAR_HOME } = env();
  return resolve(/* turbopackIgnore: true */ CELLAR_REPOSITORY ?? join(CELLAR_HOME, 'repository'));
}
