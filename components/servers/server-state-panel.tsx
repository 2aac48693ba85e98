'use client';

import type { ServerView } from '@/server/contracts/servers';
import { useUpdateServer } from '@/components/api/use-servers';
import { useCan } from '@/components/auth/roles';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { help } from './server-form/help-text';

/** Enable/disable takes effect at once (Barman's `active`), apart from the form's other changes. */
export function ServerStatePanel({ server }: { server: ServerView }) {
  const canEdit = useCan('operator');
  const update = useUpdateServer(server.name);
  return (
    <div className="mb-6 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm font-medium">State:</span>
        {server.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="gray">Disabled</Badge>}
        {canEdit ? (
          <Button
            size="sm"
            busy={update.isPending}
            onClick={() => update.mutate({ enabled: !server.enabled })}
          >
            {server.enabled ? 'Disable server' : 'Enable server'}
          </Button>
        ) : null}
      </div>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{help.enabled}</p>
      {update.error ? (
        <div className="mt-2">
          <ErrorNotice title="The state was not changed." error={update.error} />
        </div>
      ) : null}
    </div>
  );
}
