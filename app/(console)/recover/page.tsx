import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { ServerStep } from '@/components/pitr/server-step';

export const metadata: Metadata = { title: 'Point-in-time recovery' };

export default function RecoverPage() {
  return (
    <>
      <PageHeader
        title="Point-in-time recovery"
        description="Restore a server to any moment its backups and archived WAL can reach, checked before anything is written."
      />
      <ServerStep />
    </>
  );
}
