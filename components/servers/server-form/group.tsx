import type { ReactNode } from 'react';

export function Group({
  legend,
  description,
  children,
}: {
  legend: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <legend className="px-1 text-base font-semibold text-zinc-900 dark:text-zinc-100">{legend}</legend>
      {description ? <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">{description}</p> : null}
      <div className="grid gap-4 md:grid-cols-2">{children}</div>
    </fieldset>
  );
}
