'use client';

import { useServer } from '@/components/api/use-servers';
import { useCan } from '@/components/auth/roles';
import { QueryView } from '@/components/ui/query-view';
import { DeleteServer } from './delete-server';
import { ServerForm } from './server-form/server-form';
import { ServerStatePanel } from './server-state-panel';

export function ServerSettings({ name }: { name: string }) {
  const server = useServer(name);
  const canEdit = useCan('operator');
  return (
    <>
      <h2 className="sr-only">Settings</h2>
      <QueryView
        query={server}
        loading="Loading the server's settings…"
        errorTitle={`The settings of ${name} could not be loaded.`}
      >
        {(s) => (
          <>
            <ServerStatePanel server={s} />
            <ServerForm key={s.id} server={s} readOnly={!canEdit} />
            <div className="mt-10">
              <DeleteServer name={s.name} />
            </div>
          </>
        )}
      </QueryView>
    </>
  );
}
