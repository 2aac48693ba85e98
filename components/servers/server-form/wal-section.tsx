'use client';

import { CheckboxField, SelectField, TextField } from '@/components/ui/field';
import type { Codec } from './form-state';
import { Group } from './group';
import { help } from './help-text';
import { codecOptions, type SectionProps } from './section-props';

export function WalSection({ form, set, errors }: SectionProps) {
  return (
    <Group
      legend="WAL"
      description="How WAL reaches Cellar: streamed over the replication protocol, pushed by archive_command, or both."
    >
      <CheckboxField
        label="Stream WAL (streaming archiver)"
        name="streamingArchiver"
        checked={form.streamingArchiver}
        errors={errors.streamingArchiver}
        help={help.streamingArchiver}
        onChange={(e) => set('streamingArchiver', e.target.checked)}
      />
      <CheckboxField
        label="Accept WAL pushed by archive_command"
        name="pushArchiver"
        checked={form.pushArchiver}
        errors={errors.pushArchiver}
        help={help.pushArchiver}
        onChange={(e) => set('pushArchiver', e.target.checked)}
      />
      <TextField
        label="Replication slot name"
        name="slotName"
        placeholder="cellar"
        spellCheck={false}
        value={form.slotName}
        errors={errors.slotName}
        help={help.slotName}
        onChange={(e) => set('slotName', e.target.value)}
      />
      <CheckboxField
        label="Create the slot when missing"
        name="createSlot"
        checked={form.createSlot}
        errors={errors.createSlot}
        help={help.createSlot}
        onChange={(e) => set('createSlot', e.target.checked)}
      />
      <SelectField
        label="WAL compression"
        name="walCompression"
        options={codecOptions}
        value={form.walCompression}
        errors={errors.walCompression}
        help={help.walCompression}
        onChange={(e) => set('walCompression', e.target.value as Codec)}
      />
    </Group>
  );
}
