'use client';

import { useState, type FormEvent } from 'react';
import { alertRuleKinds, alertRuleSpecs, alertSeverities, type AlertRuleKind, type AlertSeverity } from '@/server/contracts/alerts';
import type { EmailTls } from '@/server/contracts/notifications';
import { isApiError, type FieldMessages } from '@/components/api/api-error';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { CheckboxField, SelectField, TextField } from '@/components/ui/field';
import type { ChannelFormState } from './channel-form-state';

const severityOptions = alertSeverities.map((s) => ({ value: s, label: `${s} and above` }));
const tlsOptions: { value: EmailTls; label: string }[] = [
  { value: 'starttls', label: 'STARTTLS (port 587), required' },
  { value: 'tls', label: 'TLS from the start (port 465)' },
  { value: 'none', label: 'None: a relay on this host only' },
];

type Props = {
  initial: ChannelFormState;
  mode: 'create' | 'edit';
  busy: boolean;
  error: unknown;
  onSubmit: (state: ChannelFormState) => void;
  onCancel?: () => void;
};

/** One form for adding and editing a channel; in edit mode the kind is fixed and empty secrets are kept. */
export function ChannelForm({ initial, mode, busy, error, onSubmit, onCancel }: Props) {
  const [s, setS] = useState(initial);
  const set = <K extends keyof ChannelFormState>(key: K, value: ChannelFormState[K]) => setS((prev) => ({ ...prev, [key]: value }));
  const errors: FieldMessages = isApiError(error) ? error.fields : {};
  const showNotice = Boolean(error) && Object.keys(errors).length === 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(s);
  };
  const text = (key: 'name' | 'url' | 'secret' | 'host' | 'port' | 'username' | 'password' | 'from' | 'to' | 'digestSeconds', label: string, extra: Record<string, unknown> = {}) => (
    <TextField label={label} value={s[key]} errors={errors[key]} autoComplete="off" onChange={(e) => set(key, e.target.value)} {...extra} />
  );
  return (
    <form onSubmit={submit} noValidate aria-label={mode === 'create' ? 'Add a notification channel' : `Edit ${initial.name}`} className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="grid gap-4 md:grid-cols-3">
        {mode === 'create' ? (
          <SelectField label="Kind" options={[{ value: 'webhook', label: 'Webhook (signed JSON POST)' }, { value: 'email', label: 'Email (SMTP)' }]} value={s.kind} onChange={(e) => set('kind', e.target.value as ChannelFormState['kind'])} />
        ) : null}
        {text('name', 'Channel name', { required: true })}
        <SelectField label="Minimum severity" options={severityOptions} value={s.minSeverity} errors={errors.minSeverity} onChange={(e) => set('minSeverity', e.target.value as AlertSeverity)} />
      </div>
      {s.kind === 'webhook' ? (
        <div className="grid gap-4 md:grid-cols-2">
          {text('url', 'Webhook URL', { required: true, type: 'url', help: 'Alerts are POSTed here as JSON, signed with HMAC-SHA256 (X-Cellar-Signature).' })}
          {text('secret', 'Signing secret', { type: 'password', help: mode === 'create' ? 'Leave empty: Cellar generates one and shows it once.' : 'Leave empty to keep the current one.' })}
        </div>
      ) : (
        <div className="grid gap-4 md:grid-cols-3">
          {text('host', 'SMTP host', { required: true })}
          {text('port', 'SMTP port', { inputMode: 'numeric' })}
          <SelectField label="Encryption" options={tlsOptions} value={s.tls} errors={errors.tls} onChange={(e) => set('tls', e.target.value as EmailTls)} />
          {text('username', 'SMTP username', { help: 'Leave empty when the server needs no login.' })}
          {text('password', 'SMTP password', { type: 'password', help: mode === 'create' ? 'Stored encrypted, never shown again.' : 'Leave empty to keep the stored one.' })}
          {text('from', 'From address', { required: true, type: 'email' })}
          {text('to', 'Recipients', { required: true, help: 'Addresses separated by commas.', className: 'md:col-span-3' })}
        </div>
      )}
      <RuleChoice value={s.ruleKinds} errors={errors.ruleKinds} onChange={(v) => set('ruleKinds', v)} />
      <div className="grid gap-4 md:grid-cols-3">
        {text('digestSeconds', 'Digest window (seconds)', { inputMode: 'numeric', help: 'Alerts opening within this window after the first go out as one message; 0 sends each at once.' })}
        <CheckboxField label="Also tell when alerts resolve" checked={s.notifyResolved} onChange={(e) => set('notifyResolved', e.target.checked)} />
        <CheckboxField label="Enabled" checked={s.enabled} onChange={(e) => set('enabled', e.target.checked)} />
      </div>
      {showNotice ? <ErrorNotice title={mode === 'create' ? 'The channel was not added.' : 'The channel was not saved.'} error={error} /> : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" busy={busy}>
          {mode === 'create' ? 'Add channel' : 'Save channel'}
        </Button>
        {onCancel ? <Button onClick={onCancel}>Cancel</Button> : null}
      </div>
    </form>
  );
}

function RuleChoice({ value, errors, onChange }: { value: AlertRuleKind[]; errors?: string[]; onChange: (v: AlertRuleKind[]) => void }) {
  const toggle = (kind: AlertRuleKind, on: boolean) => onChange(on ? [...value, kind] : value.filter((k) => k !== kind));
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">Rules sent to this channel</legend>
      <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">None ticked: every rule.</p>
      <div className="grid gap-1 md:grid-cols-3">
        {alertRuleKinds.map((kind) => (
          <CheckboxField key={kind} label={alertRuleSpecs[kind].title} checked={value.includes(kind)} onChange={(e) => toggle(kind, e.target.checked)} />
        ))}
      </div>
      {errors?.length ? <p className="mt-1 text-sm text-red-700">{errors.join(' ')}</p> : null}
    </fieldset>
  );
}
