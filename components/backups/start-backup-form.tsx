'use client';

import Link from 'next/link';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { RunView } from '@/server/contracts/runs';
import type { ServerView } from '@/server/contracts/servers';
import { isApiError, type FieldMessages } from '@/components/api/api-error';
import { useStartBackup } from '@/components/api/use-backup-actions';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { CheckboxField, SelectField, TextField } from '@/components/ui/field';
import {
  backupFormFields,
  defaultBackupForm,
  levelForCodec,
  levelHelp,
  toStartBackupInput,
  type BackupFormState,
  type Codec,
} from './start-backup-form-state';

const codecOptions = [
  { value: 'zstd', label: 'zstd' },
  { value: 'lz4', label: 'lz4' },
  { value: 'gzip', label: 'gzip' },
  { value: 'none', label: 'none' },
] as const;

const checkpointOptions = [
  { value: 'fast', label: 'fast — checkpoint now' },
  { value: 'spread', label: "spread — wait for the server's next checkpoint" },
] as const;

/** The run id a 409 names when a backup of the server is already queued or running. */
function conflictRunId(error: unknown): string | null {
  if (!isApiError(error) || error.status !== 409) return null;
  const id = error.details.runId;
  return typeof id === 'string' ? id : null;
}

type Props = {
  server: ServerView;
  onStarted: (run: RunView) => void;
  onRunning: (runId: string) => void;
  onClose: () => void;
};

/** Barman's `backup` options; the defaults are the server's settings. */
export function StartBackupForm({ server, onStarted, onRunning, onClose }: Props) {
  const start = useStartBackup(server.name);
  const [form, setForm] = useState<BackupFormState>(() => defaultBackupForm(server));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [focusError, setFocusError] = useState(0);
  const ref = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusError) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusError]);

  const set = <K extends keyof BackupFormState>(key: K, value: BackupFormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  const fail = (fields: FieldMessages) => {
    setErrors(fields);
    setFocusError((n) => n + 1);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.reset();
    const { input, errors: local } = toStartBackupInput(form);
    if (Object.keys(local).length) return fail(local);
    setErrors({});
    start.mutate(input, {
      onSuccess: onStarted,
      onError: (error) => {
        const running = conflictRunId(error);
        if (running) onRunning(running);
        if (isApiError(error) && Object.keys(error.fields).length) fail(error.fields);
      },
    });
  };

  const runningId = conflictRunId(start.error);
  const fieldsShown = isApiError(start.error) && Object.keys(start.error.fields).length > 0;
  return (
    <form
      ref={ref}
      onSubmit={submit}
      noValidate
      aria-label="Back up now"
      className="mb-4 space-y-4 rounded-lg border border-blue-300 bg-blue-50/40 p-4 dark:border-blue-800 dark:bg-blue-950/20"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField
          label="Compression"
          options={codecOptions}
          value={form.compression}
          errors={errors.compression}
          help={`The server's setting is ${server.compression}.`}
          onChange={(e) => {
            const codec = e.target.value as Codec;
            set('compression', codec);
            set('compressionLevel', levelForCodec(server, codec));
          }}
        />
        <TextField
          label="Compression level"
          inputMode="numeric"
          value={form.compressionLevel}
          disabled={form.compression === 'lz4' || form.compression === 'none'}
          errors={errors.compressionLevel}
          help={levelHelp(form.compression)}
          onChange={(e) => set('compressionLevel', e.target.value)}
        />
        <SelectField
          label="Checkpoint"
          options={checkpointOptions}
          value={form.checkpoint}
          errors={errors.checkpoint}
          help="Fast starts at once at the cost of an I/O burst; spread can take up to checkpoint_timeout."
          onChange={(e) => set('checkpoint', e.target.value === 'spread' ? 'spread' : 'fast')}
        />
        <TextField
          label="Name"
          value={form.name}
          autoComplete="off"
          errors={errors.name}
          help="Optional, e.g. before-upgrade; usable instead of the backup id."
          onChange={(e) => set('name', e.target.value)}
        />
        <TextField
          label="Rate limit (kB/s)"
          inputMode="numeric"
          value={form.maxRateKbps}
          errors={errors.maxRateKbps}
          help="Optional; empty means no limit. PostgreSQL accepts 32 to 1048576."
          onChange={(e) => set('maxRateKbps', e.target.value)}
        />
        <div className="space-y-3">
          <CheckboxField
            label="Standalone"
            checked={form.standalone}
            errors={errors.standalone}
            help="Store the WAL needed for consistency inside the backup, so it restores on its own."
            onChange={(e) => set('standalone', e.target.checked)}
          />
          <CheckboxField
            label="Reuse unchanged files"
            checked={form.reuse}
            errors={errors.reuse}
            help="Hard-link files unchanged since the previous backup."
            onChange={(e) => set('reuse', e.target.checked)}
          />
        </div>
      </div>
      <UnplacedProblems errors={errors} />
      {start.error && !fieldsShown ? (
        <ErrorNotice
          title={
            runningId ? 'A backup of this server is already in progress.' : 'The backup was not started.'
          }
          error={start.error}
        />
      ) : null}
      {runningId ? (
        <p className="text-sm">
          <Link href={`/jobs/${runningId}`} className="text-blue-700 hover:underline dark:text-blue-400">
            Open the running backup&apos;s job
          </Link>{' '}
          — its progress is also shown below.
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" busy={start.isPending}>
          Start backup
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

const formFields = new Set<string>(backupFormFields);

/** Messages the form cannot put beside a field (a rule about the whole request). */
function UnplacedProblems({ errors }: { errors: FieldMessages }) {
  const messages = Object.entries(errors)
    .filter(([key]) => !formFields.has(key))
    .flatMap(([key, list]) => list.map((m) => (key === '_' ? m : `${key}: ${m}`)));
  if (!messages.length) return null;
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
    >
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}
