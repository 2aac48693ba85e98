'use client';

import { ServerTab } from '@/components/servers/server-tab';
import { BackupsSection } from './backups-section';

/** The Backups section of a server's page (a client boundary: ServerTab takes a render function). */
export function ServerBackupsTab({ name }: { name: string }) {
  return <ServerTab name={name}>{(server) => <BackupsSection server={server} />}</ServerTab>;
}
