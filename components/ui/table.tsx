import type { ComponentProps } from 'react';

// Plain semantic tables (Playwright's getByRole('row'/'cell') reads them) with shared styling.

export function Table({ className = '', ...rest }: ComponentProps<'table'>) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table
        className={`min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800 ${className}`}
        {...rest}
      />
    </div>
  );
}

export function Th({ className = '', ...rest }: ComponentProps<'th'>) {
  return (
    <th
      scope="col"
      className={`bg-zinc-50 px-3 py-2 text-left font-semibold whitespace-nowrap text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 ${className}`}
      {...rest}
    />
  );
}

export function Td({ className = '', ...rest }: ComponentProps<'td'>) {
  return <td className={`px-3 py-2 align-top text-zinc-800 dark:text-zinc-200 ${className}`} {...rest} />;
}

export const rowClass = 'bg-white dark:bg-zinc-950';
export const troubleRowClass = 'bg-red-50 dark:bg-red-950/40';
