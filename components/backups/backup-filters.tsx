'use client';

import { useEffect, useState } from 'react';
import { backupStatuses } from '@/server/contracts/backups';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { useDebouncedValue } from '@/components/ui/use-debounced-value';

export type BackupFilterValues = { status?: string; search?: string; from?: string; to?: string; kept?: string };

const statusOptions = [{ value: '', label: 'All' }, ...backupStatuses.map((s) => ({ value: s, label: s }))];
const keptOptions = [
  { value: '', label: 'Kept or not' },
  { value: 'yes', label: 'Kept only' },
  { value: 'no', label: 'Not kept' },
];

/** Choices apply at once; the search once typing pauses. Times are the browser's local time. */
export function BackupFilters({ values, onChange }: { values: BackupFilterValues; onChange: (next: BackupFilterValues) => void }) {
  const [search, setSearch] = useState(values.search ?? '');
  const settled = useDebouncedValue(search, 300);
  useEffect(() => {
    if ((values.search ?? '') !== settled.trim()) onChange({ ...values, search: settled.trim() });
    // Only a settled search applies; the other values are read as they are at that moment.
  }, [settled]);
  const bad = Boolean(values.from && values.to && values.from > values.to);
  const any = Boolean(values.status || values.search || values.from || values.to || values.kept);
  return (
    <form role="search" aria-label="Filter backups" className="mb-3 flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <TextField label="Search" type="search" placeholder="backup id or name" value={search} onChange={(e) => setSearch(e.target.value)} />
      <SelectField label="Backup status" options={statusOptions} value={values.status ?? ''} onChange={(e) => onChange({ ...values, status: e.target.value })} />
      <TextField label="Began after" type="datetime-local" value={values.from ?? ''} onChange={(e) => onChange({ ...values, from: e.target.value })} />
      <TextField
        label="Began before"
        type="datetime-local"
        value={values.to ?? ''}
        errors={bad ? ['"Began before" must be after "Began after".'] : undefined}
        onChange={(e) => onChange({ ...values, to: e.target.value })}
      />
      <SelectField label="Keep" options={keptOptions} value={values.kept ?? ''} onChange={(e) => onChange({ ...values, kept: e.target.value })} />
      {any ? (
        <Button
          variant="ghost"
          onClick={() => {
            setSearch('');
            onChange({});
          }}
        >
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}
