import { route } from '@/server/http/route';
import { sharedProducer } from '@/server/queue/producer';
import { startBackups } from '@/server/backup/start-backups';
import { startBackupsInput } from '@/server/contracts/backups';

/** "Back up all": every enabled server, or the ones listed in `servers`. */
export const POST = route({ auth: 'operator', body: startBackupsInput, status: 202 }, ({ ctx, body }) =>
  startBackups({ ctx, producer: sharedProducer(), input: body }),
);
