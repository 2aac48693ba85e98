'use client';

import { TextField } from '@/components/ui/field';
import { Group } from './group';
import { help } from './help-text';
import type { SectionProps } from './section-props';

export function RetentionSection({ form, set, errors }: SectionProps) {
  return (
    <Group legend="Retention & thresholds">
      <TextField
        label="Retention policy"
        name="retentionPolicy"
        placeholder="RECOVERY WINDOW OF 2 WEEKS"
        spellCheck={false}
        value={form.retentionPolicy}
        errors={errors.retentionPolicy}
        help={help.retentionPolicy}
        onChange={(e) => set('retentionPolicy', e.target.value)}
      />
      <TextField
        label="Minimum redundancy"
        name="minimumRedundancy"
        type="number"
        inputMode="numeric"
        min={0}
        value={form.minimumRedundancy}
        errors={errors.minimumRedundancy}
        help={help.minimumRedundancy}
        onChange={(e) => set('minimumRedundancy', e.target.value)}
      />
      <TextField
        label="Last backup maximum age"
        name="lastBackupMaximumAge"
        placeholder="1 day"
        value={form.lastBackupMaximumAge}
        errors={errors.lastBackupMaximumAge}
        help={help.lastBackupMaximumAge}
        onChange={(e) => set('lastBackupMaximumAge', e.target.value)}
      />
      <TextField
        label="Last backup minimum size"
        name="lastBackupMinimumSize"
        placeholder="1 Gi"
        value={form.lastBackupMinimumSize}
        errors={errors.lastBackupMinimumSize}
        help={help.lastBackupMinimumSize}
        onChange={(e) => set('lastBackupMinimumSize', e.target.value)}
      />
      <TextField
        label="Last WAL maximum age"
        name="lastWalMaximumAge"
        placeholder="6 hours"
        value={form.lastWalMaximumAge}
        errors={errors.lastWalMaximumAge}
        help={help.lastWalMaximumAge}
        onChange={(e) => set('lastWalMaximumAge', e.target.value)}
      />
    </Group>
  );
}
