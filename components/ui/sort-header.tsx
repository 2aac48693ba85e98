import type { ReactNode } from 'react';
import { Th } from './table';

export type SortState<K extends string> = { key: K; order: 'asc' | 'desc' };

/**
 * A column header that sorts: a button inside the <th>, aria-sort on the <th> (what screen
 * readers announce). A new column starts descending, the biggest or newest first.
 */
export function SortHeader<K extends string>({
  column,
  sort,
  onSort,
  children,
  className = '',
  title,
}: {
  column: K;
  sort: SortState<K>;
  onSort: (next: SortState<K>) => void;
  children: ReactNode;
  className?: string;
  title?: string;
}) {
  const active = sort.key === column;
  const next: SortState<K> = { key: column, order: active && sort.order === 'desc' ? 'asc' : 'desc' };
  return (
    <Th aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'} className={className} title={title}>
      <button
        type="button"
        onClick={() => onSort(next)}
        className={`inline-flex items-center gap-1 rounded font-semibold hover:text-zinc-950 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:text-white ${className.includes('text-right') ? 'flex-row-reverse' : ''}`}
      >
        {children}
        <span aria-hidden className={active ? 'text-blue-700 dark:text-blue-400' : 'text-zinc-400 dark:text-zinc-600'}>
          {active ? (sort.order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </Th>
  );
}
