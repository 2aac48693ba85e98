'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { RetentionPreview } from '@/server/contracts/retention';
import type { RunView } from '@/server/contracts/runs';
import { useApplyRetention, useRetentionPreview } from '@/components/api/use-retention';
import { useCan } from '@/components/auth/roles';
import { formatCount } from '@/components/format/format-bytes';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Notice } from '@/components/ui/feedback';
import { Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { Bytes, Time } from '@/components/ui/values';
import { RetentionTable } from './retention-table';

/** Retention on the server page: the policy explained, the dry run, and "Apply now" for operators. */
export function RetentionSection({ server }: { server: string }) {
  const preview = useRetentionPreview(server);
  const canApply = useCan('operator');
  const [confirming, setConfirming] = useState(false);
  const [run, setRun] = useState<RunView | null>(null);
  const apply = useApplyRetention(server);
  const data = preview.data;
  const deletions = data?.toDelete ?? [];
  return (
    <Section
      title="Retention"
      actions={
        canApply && deletions.length ? (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Apply now…
          </Button>
        ) : null
      }
    >
      <QueryView
        query={preview}
        loading="Working out retention…"
        errorTitle="The retention preview could not be loaded."
      >
        {(p) => (
          <div className="space-y-3">
            <PolicySummary preview={p} />
            {run ? (
              <Notice tone="success">
                Retention is being applied.{' '}
                <Link href={`/jobs/${run.id}`} className="font-semibold underline">
                  Follow its job
                </Link>
                .
              </Notice>
            ) : null}
            {p.backups.length && (p.policy || p.toDelete.length) ? (
              <RetentionTable server={server} backups={p.backups} />
            ) : null}
          </div>
        )}
      </QueryView>
      {data ? (
        <ConfirmDialog
          open={confirming}
          title={`Apply ${data.policy ?? 'retention'} to ${server}?`}
          confirmLabel={`Delete ${deletions.length} backup${deletions.length === 1 ? '' : 's'}`}
          busy={apply.isPending}
          error={apply.error}
          onClose={() => {
            setConfirming(false);
            apply.reset();
          }}
          onConfirm={() =>
            apply.mutate(
              { backupIds: deletions },
              {
                onSuccess: (started) => {
                  setRun(started);
                  setConfirming(false);
                },
              },
            )
          }
        >
          <div className="space-y-2">
            <p>
              These backups go, oldest first, with the WAL no remaining backup needs (
              {formatCount(data.wal.files)} files, <Bytes value={data.wal.bytes} />
              ):
            </p>
            <ul className="list-disc pl-5 font-mono">
              {deletions.map((id) => (
                <li key={id}>{id}</li>
              ))}
            </ul>
            <p>
              Only these are deleted, and only if the policy still finds them obsolete when the job gets to
              them. <strong>This cannot be undone.</strong>
            </p>
          </div>
        </ConfirmDialog>
      ) : null}
    </Section>
  );
}

function PolicySummary({ preview: p }: { preview: RetentionPreview }) {
  if (!p.policy)
    return (
      <Notice>
        No retention policy is set: nothing is deleted automatically. Set one in the server’s settings (for
        example <code>REDUNDANCY 3</code> or <code>RECOVERY WINDOW OF 7 DAYS</code>).
      </Notice>
    );
  return (
    <div className="text-sm text-zinc-700 dark:text-zinc-300">
      <p>
        <strong>{p.policy}</strong>, minimum redundancy {p.minimumRedundancy}
        {p.raisedTo !== null ? ` (raises REDUNDANCY to ${p.raisedTo})` : ''}.
        {p.pointOfRecoverability ? (
          <>
            {' '}
            Point of recoverability: <Time iso={p.pointOfRecoverability} absolute />.
          </>
        ) : null}{' '}
        Applied automatically every minute; kept and OBSOLETE* backups are never deleted.
      </p>
      <p className="mt-1">
        {p.toDelete.length ? (
          <>
            Applying it now deletes <strong>{p.toDelete.length}</strong> backup
            {p.toDelete.length === 1 ? '' : 's'} and {formatCount(p.wal.files)} WAL files (
            <Bytes value={p.wal.bytes} />
            {p.wal.first ? (
              <>
                , <span className="font-mono">{p.wal.first}</span> to{' '}
                <span className="font-mono">{p.wal.last}</span>
              </>
            ) : null}
            ).
          </>
        ) : (
          'Applying it now deletes nothing.'
        )}
      </p>
    </div>
  );
}
