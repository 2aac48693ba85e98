'use client';

import type { HealthLevel } from '@/server/contracts/fleet';
import { TextField } from '@/components/ui/field';

export type FleetFilter = { search: string; troubleOnly: boolean };

const segment = (pressed: boolean) =>
  `px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-600 ${
    pressed ? 'bg-zinc-800 text-white dark:bg-zinc-200 dark:text-zinc-950' : 'bg-white text-zinc-800 hover:bg-zinc-100 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800'
  }`;

/** Filtering 50 rows happens in the browser: they are already here, refreshed every 10 seconds. */
export function FleetFilters({
  value,
  onChange,
  counts,
  total,
}: {
  value: FleetFilter;
  onChange: (next: FleetFilter) => void;
  counts: Record<HealthLevel, number>;
  total: number;
}) {
  const trouble = counts.critical + counts.warning;
  return (
    <div role="search" aria-label="Filter servers" className="mb-3 flex flex-wrap items-end gap-3">
      <TextField
        label="Find a server"
        type="search"
        placeholder="name or description"
        value={value.search}
        onChange={(e) => onChange({ ...value, search: e.target.value })}
      />
      <div role="group" aria-label="Which servers" className="flex overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-600">
        <button type="button" aria-pressed={!value.troubleOnly} className={segment(!value.troubleOnly)} onClick={() => onChange({ ...value, troubleOnly: false })}>
          All ({total})
        </button>
        <button type="button" aria-pressed={value.troubleOnly} className={segment(value.troubleOnly)} onClick={() => onChange({ ...value, troubleOnly: true })}>
          Needs attention ({trouble})
        </button>
      </div>
      <p className="pb-2 text-sm text-zinc-600 dark:text-zinc-400">
        {counts.critical} critical · {counts.warning} warning · {counts.ok} OK{counts.disabled ? ` · ${counts.disabled} disabled` : ''}
      </p>
    </div>
  );
}
