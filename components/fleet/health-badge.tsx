import type { HealthLevel } from '@/server/contracts/fleet';
import { Badge, type Tone } from '@/components/ui/badge';

const tones: Record<HealthLevel, Tone> = { critical: 'red', warning: 'amber', ok: 'green', disabled: 'gray' };
const labels: Record<HealthLevel, string> = { critical: 'Critical', warning: 'Warning', ok: 'OK', disabled: 'Disabled' };
const hints: Record<HealthLevel, string> = {
  critical: 'Something needs doing now: see the problems listed.',
  warning: 'Not broken, but needs attention soon.',
  ok: 'Checks pass, the last backup and the last WAL are within their limits.',
  disabled: 'Disabled: Cellar neither checks nor backs it up.',
};

export function HealthBadge({ health }: { health: HealthLevel }) {
  return (
    <Badge tone={tones[health]} title={hints[health]}>
      {labels[health]}
    </Badge>
  );
}

/** Row tints: loud for critical, a mark for warnings, nothing for the calm majority. */
export const healthRowClass: Record<HealthLevel, string> = {
  critical: 'bg-red-50 dark:bg-red-950/40',
  warning: 'bg-white dark:bg-zinc-950',
  ok: 'bg-white dark:bg-zinc-950',
  disabled: 'bg-zinc-50 dark:bg-zinc-900/40',
};

/** The first cell's left edge: a bar of the row's colour (a <tr> cannot carry a border). */
export const healthEdgeClass: Record<HealthLevel, string> = {
  critical: 'border-l-4 border-l-red-600 dark:border-l-red-500',
  warning: 'border-l-4 border-l-amber-500',
  ok: 'border-l-4 border-l-transparent',
  disabled: 'border-l-4 border-l-transparent',
};
