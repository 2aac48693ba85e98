'use client';

import { CheckboxField, SelectField, TextField } from '@/components/ui/field';
import type { Codec, Method } from './form-state';
import { Group } from './group';
import { help } from './help-text';
import { codecOptions, type SectionProps } from './section-props';

const methodOptions = [
  { value: 'postgres', label: 'postgres — replication protocol' },
  { value: 'ssh', label: 'ssh — file copy over SSH' },
] as const;

export function BackupsSection({ form, set, errors }: SectionProps) {
  return (
    <Group legend="Backups">
      <SelectField
        label="Backup method"
        name="backupMethod"
        options={methodOptions}
        value={form.backupMethod}
        errors={errors.backupMethod}
        help={help.backupMethod}
        onChange={(e) => set('backupMethod', e.target.value as Method)}
      />
      <SelectField
        label="Backup compression"
        name="compression"
        options={codecOptions}
        value={form.compression}
        errors={errors.compression}
        help={help.compression}
        onChange={(e) => set('compression', e.target.value as Codec)}
      />
      <TextField
        label="Compression level"
        name="compressionLevel"
        type="number"
        inputMode="numeric"
        min={-7}
        max={22}
        value={form.compressionLevel}
        errors={errors.compressionLevel}
        help={help.compressionLevel}
        onChange={(e) => set('compressionLevel', e.target.value)}
      />
      <CheckboxField
        label="Reuse unchanged files (hard links)"
        name="reuseBackup"
        checked={form.reuseBackup}
        errors={errors.reuseBackup}
        help={help.reuseBackup}
        onChange={(e) => set('reuseBackup', e.target.checked)}
      />
    </Group>
  );
}
