'use client';

import type { ServerView } from '@/server/contracts/servers';
import { useWalStatus } from '@/components/api/use-wal';
import { Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { ArchiveFacts } from './archive-facts';
import { ReceiverPanel } from './receiver-panel';

/** The server's WAL: the archive at a glance, and the streaming receiver with its actions. */
export function WalSection({ server }: { server: ServerView }) {
  const wal = useWalStatus(server.name);
  return (
    <Section title="WAL">
      <QueryView query={wal} loading="Loading the WAL archive…" errorTitle="The WAL archive status could not be loaded.">
        {(status) => (
          <div className="grid gap-4 lg:grid-cols-2">
            <ArchiveFacts status={status} />
            <ReceiverPanel server={server} receiver={status.receiver} />
          </div>
        )}
      </QueryView>
    </Section>
  );
}
