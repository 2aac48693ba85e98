'use client';

import { CheckboxField, TextAreaField, TextField } from '@/components/ui/field';
import { Group } from './group';
import { help } from './help-text';
import { SecretField } from './secret-field';
import type { SectionProps } from './section-props';

export function ConnectionSection({ form, set, errors, server }: SectionProps) {
  return (
    <Group legend="Connection">
      {server ? (
        <div>
          <p className="mb-1 text-sm font-medium">Name</p>
          <p className="font-mono text-sm">{server.name}</p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            A server&apos;s name cannot be changed.
          </p>
        </div>
      ) : (
        <TextField
          label="Name"
          name="name"
          required
          value={form.name}
          errors={errors.name}
          help={help.name}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set('name', e.target.value)}
        />
      )}
      <TextField
        label="Description"
        name="description"
        value={form.description}
        errors={errors.description}
        help={help.description}
        onChange={(e) => set('description', e.target.value)}
      />
      <TextAreaField
        className="md:col-span-2"
        label="Conninfo"
        name="conninfo"
        rows={2}
        required
        spellCheck={false}
        value={form.conninfo}
        errors={errors.conninfo}
        help={help.conninfo}
        onChange={(e) => set('conninfo', e.target.value)}
      />
      <SecretField
        name="password"
        label="PostgreSQL password"
        help={help.password}
        isSet={server?.hasPassword}
        state={form.password}
        errors={errors.password}
        onChange={(v) => set('password', v)}
      />
      <TextAreaField
        label="Streaming conninfo"
        name="streamingConninfo"
        rows={2}
        spellCheck={false}
        value={form.streamingConninfo}
        errors={errors.streamingConninfo}
        help={help.streamingConninfo}
        onChange={(e) => set('streamingConninfo', e.target.value)}
      />
      {server ? null : (
        <CheckboxField
          label="Enabled"
          name="enabled"
          checked={form.enabled}
          errors={errors.enabled}
          help={help.enabled}
          onChange={(e) => set('enabled', e.target.checked)}
        />
      )}
    </Group>
  );
}
