'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { RunView } from '@/server/contracts/runs';
import { useCan } from '@/components/auth/roles';
import { usePlanRestore, useStartRestore } from '@/components/api/use-recovery';
import { Button } from '@/components/ui/button';
import { ErrorNotice, Notice } from '@/components/ui/feedback';
import { CheckboxField, SelectField, TextField } from '@/components/ui/field';
import { RestorePlanSummary } from './restore-plan-view';
import { defaultRestoreForm, toPlanInput, toStartInput, type RestoreFormState } from './restore-form-state';

const kinds = [
  { value: 'latest', label: 'end of the archive (all WAL)' },
  { value: 'immediate', label: 'consistency point of the backup' },
  { value: 'time', label: 'time' },
  { value: 'xid', label: 'transaction id (xid)' },
  { value: 'lsn', label: 'LSN' },
  { value: 'name', label: 'restore point name' },
] as const;

const placeholders: Record<string, string> = { time: '2026-12-06T14:05:00+00:00', xid: '123456', lsn: '0/3000060', name: 'before-upgrade' };

/** The plain restore form: check the plan (dry run), then restore; the run is followed on its job page. */
export function RestoreForm({ server, backup }: { server: string; backup: string | null }) {
  const canRestore = useCan('operator');
  const [form, setForm] = useState<RestoreFormState>(() => defaultRestoreForm(backup));
  const plan = usePlanRestore(server);
  const start = useStartRestore(server);
  const [run, setRun] = useState<RunView | null>(null);
  const set = <K extends keyof RestoreFormState>(key: K, value: RestoreFormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    plan.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate(toStartInput(form), { onSuccess: setRun });
  };
  const needsValue = !['latest', 'immediate'].includes(form.kind);
  return (
    <form onSubmit={submit} aria-label="Restore" className="max-w-2xl space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Backup" help="A backup id or name, or auto to let Cellar choose." value={form.backup} onChange={(e) => set('backup', e.target.value)} />
        <SelectField label="Recover to" options={kinds} value={form.kind} onChange={(e) => set('kind', e.target.value as RestoreFormState['kind'])} />
        {needsValue ? <TextField label="Target" required placeholder={placeholders[form.kind]} value={form.value} onChange={(e) => set('value', e.target.value)} /> : null}
        <TextField label="Timeline" help="latest, current, or a number." value={form.timeline} onChange={(e) => set('timeline', e.target.value)} />
        <SelectField label="When the target is reached" options={[{ value: 'pause', label: 'pause' }, { value: 'promote', label: 'promote' }, { value: 'shutdown', label: 'shut down' }]} value={form.action} onChange={(e) => set('action', e.target.value as RestoreFormState['action'])} />
        <CheckboxField label="Include the target (inclusive)" checked={form.inclusive} onChange={(e) => set('inclusive', e.target.checked)} />
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Destination</legend>
        <SelectField label="Where" options={[{ value: 'local', label: 'this Cellar host' }, { value: 'ssh', label: 'another host over SSH' }]} value={form.destKind} onChange={(e) => set('destKind', e.target.value as RestoreFormState['destKind'])} />
        {form.destKind === 'ssh' ? <TextField label="SSH target" required placeholder="postgres@db2:22" value={form.sshTarget} onChange={(e) => set('sshTarget', e.target.value)} /> : null}
        <TextField label="Data directory" required placeholder="/var/lib/postgresql/restore" value={form.path} onChange={(e) => set('path', e.target.value)} />
        <SelectField label="WAL" options={[{ value: 'copy', label: 'copy the WAL needed into the destination' }, { value: 'get-wal', label: 'fetch it from Cellar (get-wal)' }]} value={form.walMode} onChange={(e) => set('walMode', e.target.value as RestoreFormState['walMode'])} />
        {form.walMode === 'get-wal' ? (
          <>
            <TextField label="Cellar URL (as the host sees it)" required value={form.getWalUrl} onChange={(e) => set('getWalUrl', e.target.value)} />
            <TextField label="WAL token file on the host" required value={form.getWalTokenFile} onChange={(e) => set('getWalTokenFile', e.target.value)} />
          </>
        ) : null}
        <CheckboxField label="Standby (standby.signal)" checked={form.standby} onChange={(e) => set('standby', e.target.checked)} />
        <CheckboxField label="Keep archive_command" help="Off: the copy cannot archive into the original's archive." checked={form.keepArchiveCommand} onChange={(e) => set('keepArchiveCommand', e.target.checked)} />
        <CheckboxField label="Overwrite a non-empty directory" checked={form.overwrite} onChange={(e) => set('overwrite', e.target.checked)} />
      </fieldset>
      {plan.data ? <RestorePlanSummary plan={plan.data} /> : null}
      {plan.error ? <ErrorNotice error={plan.error} title="The plan could not be made" /> : null}
      {start.error ? <ErrorNotice error={start.error} title="The restore was not started" /> : null}
      {run ? (
        <Notice tone="success">
          Restore queued: <Link className="underline" href={`/jobs/${run.id}`}>follow run {run.id.slice(0, 8)}</Link>.
        </Notice>
      ) : null}
      <div className="flex gap-2">
        <Button onClick={() => plan.mutate(toPlanInput(form))} busy={plan.isPending}>
          Check the plan
        </Button>
        {canRestore ? (
          <Button type="submit" variant="primary" busy={start.isPending}>
            Restore
          </Button>
        ) : null}
      </div>
    </form>
  );
}
