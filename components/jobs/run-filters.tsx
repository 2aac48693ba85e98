'use client';

import { runStatuses } from '@/server/contracts/runs';
import { useRunKinds } from '@/components/api/use-runs';
import { useServers } from '@/components/api/use-servers';
import { SelectField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';

export type RunFilterValues = { server?: string; kind?: string; status?: string };


type Props = { values: RunFilterValues; seenKinds: string[]; onChange: (next: RunFilterValues) => void };

export function RunFilters({ values, seenKinds, onChange }: Props) {
  const servers = useServers();
  // The job registry's kinds, plus any seen in the list (a run of a kind since retired).
  const known = useRunKinds();
  const kinds = [...new Set([...(known.data ?? []), ...seenKinds, ...(values.kind ? [values.kind] : [])])].sort();
  const serverOptions = [
    { value: '', label: 'All servers' },
    ...(servers.data ?? []).map((s) => ({ value: s.id, label: s.name })),
  ];
  return (
    <form
      role="search"
      aria-label="Filter jobs"
      className="mb-4 flex flex-wrap items-end gap-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <SelectField
        label="Server"
        options={serverOptions}
        value={values.server ?? ''}
        onChange={(e) => onChange({ ...values, server: e.target.value })}
      />
      <SelectField
        label="Kind"
        options={[{ value: '', label: 'All kinds' }, ...kinds.map((k) => ({ value: k, label: k }))]}
        value={values.kind ?? ''}
        onChange={(e) => onChange({ ...values, kind: e.target.value })}
      />
      <SelectField
        label="Status"
        options={[{ value: '', label: 'All statuses' }, ...runStatuses.map((s) => ({ value: s, label: s }))]}
        value={values.status ?? ''}
        onChange={(e) => onChange({ ...values, status: e.target.value })}
      />
      {values.server || values.kind || values.status ? (
        <Button variant="ghost" onClick={() => onChange({})}>
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}
