'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';

export const presets = [
  { key: '24h', label: '24 hours', ms: 86_400_000 },
  { key: '7d', label: '7 days', ms: 7 * 86_400_000 },
  { key: '30d', label: '30 days', ms: 30 * 86_400_000 },
  { key: '90d', label: '90 days', ms: 90 * 86_400_000 },
  { key: 'all', label: 'Whole archive', ms: 0 },
] as const;

export type WalRange = { range?: string; from?: string; to?: string };

/** The window asked of the API: a preset ending now, the whole archive, or from/to (local times typed). */
export function windowOf(range: WalRange, buckets: number): { from: string; to: string; buckets: number; whole?: string } {
  if (range.from || range.to) {
    const iso = (local?: string) => (local && !Number.isNaN(new Date(local).getTime()) ? new Date(local).toISOString() : '');
    return { from: iso(range.from), to: iso(range.to), buckets };
  }
  const preset = presets.find((p) => p.key === range.range) ?? presets[1];
  if (preset.key === 'all') return { from: '', to: '', buckets, whole: '1' };
  // Rounded to the minute, so the query key (and the cache) holds still between renders.
  const now = Math.ceil(Date.now() / 60_000) * 60_000;
  return { from: new Date(now - preset.ms).toISOString(), to: '', buckets };
}

const segment = (pressed: boolean) =>
  `px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-600 ${
    pressed ? 'bg-zinc-800 text-white dark:bg-zinc-200 dark:text-zinc-950' : 'bg-white text-zinc-800 hover:bg-zinc-100 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800'
  }`;

export function WalRangePicker({ value, onChange }: { value: WalRange; onChange: (next: WalRange) => void }) {
  const custom = Boolean(value.from || value.to);
  const current = custom ? null : (value.range ?? '7d');
  const [draft, setDraft] = useState({ from: value.from ?? '', to: value.to ?? '' });
  const [error, setError] = useState<string[] | undefined>();
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.from) return setError(['Give at least a start.']);
    if (draft.to && draft.from >= draft.to) return setError(['"To" must be after "From".']);
    setError(undefined);
    onChange({ from: draft.from, to: draft.to });
  };
  return (
    <div className="mb-3 flex flex-wrap items-end gap-4">
      <div role="group" aria-label="Time window" className="flex overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-600">
        {presets.map((p) => (
          <button key={p.key} type="button" aria-pressed={current === p.key} className={segment(current === p.key)} onClick={() => onChange({ range: p.key })}>
            {p.label}
          </button>
        ))}
      </div>
      <form aria-label="Custom time window" onSubmit={apply} className="flex flex-wrap items-end gap-2" noValidate>
        <TextField label="From" type="datetime-local" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <TextField label="To (empty: now)" type="datetime-local" value={draft.to} errors={error} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <Button type="submit" size="md">
          Show
        </Button>
      </form>
    </div>
  );
}
