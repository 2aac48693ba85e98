'use client';

import { useCan } from '@/components/auth/roles';
import { Notice } from '@/components/ui/feedback';
import { PageHeader } from '@/components/ui/page-header';
import { ServerForm } from './server-form/server-form';

export function NewServer() {
  const canEdit = useCan('operator');
  return (
    <>
      <PageHeader
        title="Add a server"
        description="Register a PostgreSQL server for Cellar to check, back up and archive WAL from."
      />
      {canEdit ? (
        <ServerForm />
      ) : (
        <Notice tone="warning">
          Only operators and administrators can add servers. Ask one of them to register it.
        </Notice>
      )}
    </>
  );
}
