import { useId, type ReactNode } from 'react';

/** A titled group of "label: value" lines, like one block of Barman's show-backup. */
export function FactGroup({
  title,
  columns = 1,
  children,
}: {
  title: string;
  columns?: 1 | 2;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-950"
    >
      <h2 id={id} className="mb-2 text-base font-semibold text-zinc-900 dark:text-zinc-100">
        {title}
      </h2>
      <dl className={`grid gap-x-8 text-sm ${columns === 2 ? 'lg:grid-cols-2' : ''}`}>{children}</dl>
    </section>
  );
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[minmax(9rem,12rem)_1fr] gap-3 border-b border-zinc-100 py-1.5 last:border-b-0 dark:border-zinc-800/70">
      <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 break-words text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  );
}

export const missing = <span className="text-zinc-500 dark:text-zinc-400">—</span>;
