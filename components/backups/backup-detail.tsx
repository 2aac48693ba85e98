'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useForgetBackup } from '@/components/api/use-backup-actions';
import { useBackup } from '@/components/api/use-backups';
import { Notice } from '@/components/ui/feedback';
import { PageHeader, Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { BackupStatusBadge, KeepBadge } from './backup-badges';
import { BackupActions } from './backup-actions';
import { BackupFiles } from './backup-files';
import { BackupProblem } from './backup-problem';
import { BaseBackupInformation, CatalogInformation, ServerInformation } from './backup-info';
import { TablespacesTable } from './tablespaces-table';

/** show-backup, the file list and the operator's actions for one backup. */
export function BackupDetail({ name, backupRef }: { name: string; backupRef: string }) {
  const router = useRouter();
  const [deleted, setDeleted] = useState(false);
  const backup = useBackup(name, backupRef, { enabled: !deleted });
  const forget = useForgetBackup(name, backupRef);
  useEffect(() => {
    if (!deleted) return;
    forget();
    router.push(`/servers/${encodeURIComponent(name)}/backups`);
  }, [deleted, forget, name, router]);

  const b = backup.data;
  return (
    <>
      <PageHeader
        title={
          <span className="inline-flex flex-wrap items-center gap-3">
            <span>
              Backup <span className="font-mono">{b?.backupId ?? backupRef}</span>
            </span>
            {b ? <BackupStatusBadge status={b.status} error={b.error} /> : null}
            {b?.keep ? <KeepBadge keep={b.keep} /> : null}
          </span>
        }
        description={
          <>
            <Link href={`/servers/${encodeURIComponent(name)}/backups`} className="text-blue-700 hover:underline dark:text-blue-400">
              ← All backups of {name}
            </Link>
            {b?.name ? <span> · named “{b.name}”</span> : null}
          </>
        }
      />
      {deleted ? (
        <Notice tone="success">The backup was deleted; back to the backups of {name}…</Notice>
      ) : (
        <QueryView query={backup} loading="Loading the backup…" errorTitle="The backup could not be loaded.">
          {(data) => (
            <>
              <BackupProblem backup={data} />
              <BackupActions backup={data} onDeleted={() => setDeleted(true)} />
              <div className="mb-6 grid gap-4 lg:grid-cols-2">
                <ServerInformation backup={data} />
                <CatalogInformation backup={data} />
              </div>
              <div className="mb-8">
                <BaseBackupInformation backup={data} />
              </div>
              <Section title="Tablespaces">
                <TablespacesTable tablespaces={data.tablespaces} />
              </Section>
              <Section title="Files">
                <BackupFiles backup={data} />
              </Section>
            </>
          )}
        </QueryView>
      )}
    </>
  );
}
