'use client';

import { useState, type FormEvent } from 'react';
import type { CreateScheduleInput, ScheduleKind, ScheduleView } from '@/server/contracts/schedules';
import { isApiError, type FieldMessages } from '@/components/api/api-error';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { CheckboxField, SelectField, TextField } from '@/components/ui/field';

export type ScheduleFormValues = {
  kind: ScheduleKind;
  name: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  catchUp: boolean;
  compression: string;
  checkpoint: 'fast' | 'spread';
  /** Restore verification: how far to recover, and whether to run pg_amcheck. */
  target: 'immediate' | 'latest';
  amcheck: boolean;
};

const kindOptions = [
  { value: 'backup', label: 'Backup' },
  { value: 'verify', label: 'Restore verification — restore the latest backup and start it' },
];
const targetOptions = [
  { value: 'immediate', label: 'its consistency point' },
  { value: 'latest', label: 'the end of the WAL archive' },
];

const compressionOptions = [
  { value: '', label: 'the server’s setting' },
  { value: 'zstd', label: 'zstd' },
  { value: 'lz4', label: 'lz4' },
  { value: 'gzip', label: 'gzip' },
  { value: 'none', label: 'none' },
];
const checkpointOptions = [
  { value: 'fast', label: 'fast — checkpoint now' },
  { value: 'spread', label: 'spread — wait for the next checkpoint' },
];

export function formValuesOf(s?: ScheduleView): ScheduleFormValues {
  const options = s?.options ?? {};
  return {
    kind: s?.kind ?? 'backup',
    name: s?.name ?? 'nightly',
    cron: s?.cron ?? '0 1 * * *',
    timezone: s?.timezone ?? 'UTC',
    enabled: s?.enabled ?? true,
    catchUp: s?.catchUp ?? true,
    compression: typeof options.compression === 'string' ? options.compression : '',
    checkpoint: options.checkpoint === 'spread' ? 'spread' : 'fast',
    target: options.target === 'latest' ? 'latest' : 'immediate',
    amcheck: options.amcheck !== false,
  };
}

export function toScheduleInput(v: ScheduleFormValues): CreateScheduleInput {
  const common = {
    name: v.name.trim(),
    cron: v.cron.trim(),
    timezone: v.timezone.trim() || 'UTC',
    enabled: v.enabled,
    catchUp: v.catchUp,
  };
  if (v.kind === 'verify')
    return { kind: 'verify', ...common, options: { target: v.target, amcheck: v.amcheck } };
  return {
    kind: 'backup',
    ...common,
    options: { checkpoint: v.checkpoint, ...(v.compression ? { compression: v.compression as 'zstd' } : {}) },
  };
}

type Props = {
  initial: ScheduleFormValues;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: ScheduleFormValues) => void;
  onCancel: () => void;
  /** A saved schedule keeps its kind. */
  kindFixed?: boolean;
};

/** A schedule: when (cron in a time zone), what (a backup or a restore verification, with its options), and what to do about missed runs. */
export function ScheduleForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  kindFixed = false,
}: Props) {
  const [v, setV] = useState(initial);
  const fields: FieldMessages = isApiError(error) ? error.fields : {};
  const set = <K extends keyof ScheduleFormValues>(key: K, value: ScheduleFormValues[K]) =>
    setV((old) => ({ ...old, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(v);
  };
  return (
    <form
      onSubmit={submit}
      aria-label="Schedule"
      className="mb-4 space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <SelectField
        label="What to run"
        options={kindOptions}
        value={v.kind}
        disabled={kindFixed}
        onChange={(e) => set('kind', e.target.value === 'verify' ? 'verify' : 'backup')}
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label="Name"
          required
          value={v.name}
          onChange={(e) => set('name', e.target.value)}
          errors={fields.name}
        />
        <TextField
          label="Cron expression"
          required
          value={v.cron}
          onChange={(e) => set('cron', e.target.value)}
          errors={fields.cron}
          help="minute hour day-of-month month day-of-week, e.g. 0 1 * * * (daily at 01:00) or 30 2 * * 1-5; @daily, @hourly, @weekly"
          spellCheck={false}
          className="font-mono"
        />
        <TextField
          label="Time zone"
          required
          value={v.timezone}
          onChange={(e) => set('timezone', e.target.value)}
          errors={fields.timezone}
          help="An IANA name: UTC, Europe/Paris, America/New_York"
        />
      </div>
      {v.kind === 'verify' ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField
            label="Recover to"
            options={targetOptions}
            value={v.target}
            onChange={(e) => set('target', e.target.value === 'latest' ? 'latest' : 'immediate')}
          />
          <CheckboxField
            label="Run pg_amcheck"
            checked={v.amcheck}
            onChange={(e) => set('amcheck', e.target.checked)}
            help="Where the PostgreSQL binaries have it: checks every index and table of the restored server."
          />
        </div>
      ) : (
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField
            label="Compression"
            options={compressionOptions}
            value={v.compression}
            onChange={(e) => set('compression', e.target.value)}
            errors={fields['options.compression']}
          />
          <SelectField
            label="Checkpoint"
            options={checkpointOptions}
            value={v.checkpoint}
            onChange={(e) => set('checkpoint', e.target.value === 'spread' ? 'spread' : 'fast')}
          />
        </div>
      )}
      <CheckboxField label="Enabled" checked={v.enabled} onChange={(e) => set('enabled', e.target.checked)} />
      <CheckboxField
        label="Catch up missed runs"
        checked={v.catchUp}
        onChange={(e) => set('catchUp', e.target.checked)}
        help="When no worker was running at the scheduled time, run once as soon as one is back (missed times are reported either way)."
      />
      {error && !Object.keys(fields).length ? <ErrorNotice error={error} /> : null}
      {error && Object.keys(fields).length ? (
        <ErrorNotice error={error} title="Check the highlighted fields." />
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" busy={busy}>
          {submitLabel}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
