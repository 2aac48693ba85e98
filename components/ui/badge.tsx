import type { ReactNode } from 'react';

export type Tone = 'green' | 'red' | 'amber' | 'blue' | 'gray';

const tones: Record<Tone, string> = {
  green:
    'bg-green-100 text-green-900 ring-green-600/30 dark:bg-green-900/50 dark:text-green-200 dark:ring-green-400/30',
  red: 'bg-red-100 text-red-900 ring-red-600/30 dark:bg-red-900/50 dark:text-red-200 dark:ring-red-400/30',
  amber:
    'bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-900/50 dark:text-amber-200 dark:ring-amber-400/30',
  blue: 'bg-blue-100 text-blue-900 ring-blue-600/30 dark:bg-blue-900/50 dark:text-blue-200 dark:ring-blue-400/30',
  gray: 'bg-zinc-100 text-zinc-800 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-400/30',
};

export function Badge({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
