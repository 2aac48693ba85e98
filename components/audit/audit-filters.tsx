'use client';

import { useState, type FormEvent } from 'react';
import { auditOutcomes } from '@/components/api/types';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';

export const auditFilterKeys = ['actor', 'action', 'outcome', 'targetType', 'targetId', 'from', 'to'] as const;
export type AuditFilterValues = Partial<Record<(typeof auditFilterKeys)[number], string>>;

const targetTypes = [
  { value: '', label: 'Any target' },
  ...['server', 'backup', 'run', 'user', 'token', 'session'].map((t) => ({ value: t, label: t })),
];

/** Applied on submit, not on every keystroke; times are the browser's local time. */
export function AuditFilters({
  values,
  onApply,
}: {
  values: AuditFilterValues;
  onApply: (next: AuditFilterValues) => void;
}) {
  const [draft, setDraft] = useState<AuditFilterValues>(values);
  const [rangeError, setRangeError] = useState<string[] | undefined>();
  const field = (key: keyof AuditFilterValues) => ({
    value: draft[key] ?? '',
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) return setRangeError(['"To" must be after "From".']);
    setRangeError(undefined);
    onApply(draft);
  };
  const hasAny = auditFilterKeys.some((k) => values[k]);
  return (
    <form
      role="search"
      aria-label="Filter audit events"
      onSubmit={submit}
      className="mb-4 flex flex-wrap items-end gap-3"
      noValidate
    >
      <TextField label="Actor" placeholder="user or token name" {...field('actor')} />
      <TextField label="Action" placeholder="e.g. server.update" {...field('action')} />
      <SelectField
        label="Outcome"
        options={[{ value: '', label: 'Any outcome' }, ...auditOutcomes.map((o) => ({ value: o, label: o }))]}
        {...field('outcome')}
      />
      <SelectField label="Target type" options={targetTypes} {...field('targetType')} />
      <TextField label="Target" placeholder="e.g. pg1 or pg1/20261202T140501" {...field('targetId')} />
      <TextField label="From" type="datetime-local" {...field('from')} />
      <TextField label="To" type="datetime-local" errors={rangeError} {...field('to')} />
      <Button type="submit" variant="primary">
        Apply filters
      </Button>
      {hasAny ? (
        <Button
          variant="ghost"
          onClick={() => {
            setDraft({});
            onApply({});
          }}
        >
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}
