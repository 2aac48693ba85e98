'use client';

import { useState, type FormEvent } from 'react';
import { isApiError } from '@/components/api/api-error';
import { useCreateRestorePoint, useSwitchWal } from '@/components/api/use-wal';
import { Button } from '@/components/ui/button';
import { ErrorNotice, Notice } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';

/** Operators (the caller shows it to them only): switch-wal, and naming a restore point. */
export function WalActions({ name }: { name: string }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <SwitchWal name={name} />
      <RestorePointForm name={name} />
    </div>
  );
}

const panel = 'space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800';

function SwitchWal({ name }: { name: string }) {
  const switchWal = useSwitchWal(name);
  const [force, setForce] = useState(false);
  const [wait, setWait] = useState(true);
  const r = switchWal.data;
  return (
    <div className={panel}>
      <h3 className="font-semibold">Switch WAL</h3>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Closes the segment PostgreSQL is writing, so it is archived now rather than when it fills up.</p>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Checkpoint first (an idle server has nothing to switch otherwise)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={wait} onChange={(e) => setWait(e.target.checked)} /> Wait until the closed segment is archived (up to 30 s)
      </label>
      <Button busy={switchWal.isPending} onClick={() => switchWal.mutate({ force, waitForArchive: wait })}>
        Switch WAL
      </Button>
      {switchWal.error ? <ErrorNotice title="The WAL was not switched." error={switchWal.error} /> : null}
      {r ? (
        <Notice tone={r.switched && r.archived !== false ? 'success' : 'warning'}>
          {!r.switched
            ? 'Nothing was written since the last switch, so PostgreSQL did not switch. Tick "Checkpoint first" to force one.'
            : `Closed ${r.closedSegment ?? 'the segment'}; ${r.archived === null ? 'it will be archived shortly.' : r.archived ? 'it is in the archive.' : 'it had not reached the archive after 30 s: check the archiver.'}`}
        </Notice>
      ) : null}
    </div>
  );
}

function RestorePointForm({ name }: { name: string }) {
  const create = useCreateRestorePoint(name);
  const [label, setLabel] = useState('');
  const fieldErrors = isApiError(create.error) ? create.error.fields.name : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name: label }, { onSuccess: () => setLabel('') });
  };
  return (
    <form className={panel} onSubmit={submit} aria-label="Create a restore point" noValidate>
      <h3 className="font-semibold">Create a restore point</h3>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">A name recovery can stop at, e.g. before a migration. It shows in the chart once its WAL is archived and indexed.</p>
      <TextField label="Restore point name" value={label} maxLength={63} required errors={fieldErrors} onChange={(e) => setLabel(e.target.value)} />
      <Button type="submit" busy={create.isPending} disabled={!label.trim()}>
        Create restore point
      </Button>
      {create.error && !fieldErrors ? <ErrorNotice title="The restore point was not created." error={create.error} /> : null}
      {create.data ? (
        <Notice tone="success">
          Restore point “{create.data.name}” created at {create.data.lsn}.
        </Notice>
      ) : null}
    </form>
  );
}
