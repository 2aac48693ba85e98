import type { Db } from './db/client';
import type { Logger } from './log/logger';
import type { Role } from './db/generated/enums';

/** Who is acting: a signed-in user, an API token, or Cellar itself (workers, schedules). */
export type Actor = {
  type: 'user' | 'token' | 'system';
  id: string | null;
  name: string;
  role: Role;
};

/** Everything a verb needs besides its input (conventions §2: `({ ctx, input })`). */
export type Ctx = {
  db: Db;
  actor: Actor;
  requestId: string;
  ip?: string;
  userAgent?: string;
  log: Logger;
};

export const systemActor: Actor = { type: 'system', id: null, name: 'cellar', role: 'admin' };
