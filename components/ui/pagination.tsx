import { formatCount } from '@/components/format/format-bytes';
import { Button } from './button';

const sizes = [25, 50, 100, 200];

/** "26–50 of 1,030", first/previous/next/last, and the page size. Pages are the server's. */
export function Pagination({
  offset,
  limit,
  total,
  busy,
  onChange,
  label,
}: {
  offset: number;
  limit: number;
  total: number;
  busy?: boolean;
  onChange: (next: { offset: number; limit: number }) => void;
  label: string;
}) {
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  const go = (p: number) => onChange({ offset: (Math.min(Math.max(1, p), pages) - 1) * limit, limit });
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center gap-2 text-sm">
      <p role="status" className="mr-2 text-zinc-600 dark:text-zinc-400">
        {total ? `${formatCount(offset + 1)}–${formatCount(Math.min(total, offset + limit))} of ${formatCount(total)}` : 'None'}
        {busy ? ' · loading…' : ''}
      </p>
      <Button size="sm" onClick={() => go(1)} disabled={page <= 1} aria-label="First page">
        «
      </Button>
      <Button size="sm" onClick={() => go(page - 1)} disabled={page <= 1}>
        Previous
      </Button>
      <span className="px-1 text-zinc-700 dark:text-zinc-300">
        Page {formatCount(page)} of {formatCount(pages)}
      </span>
      <Button size="sm" onClick={() => go(page + 1)} disabled={page >= pages}>
        Next
      </Button>
      <Button size="sm" onClick={() => go(pages)} disabled={page >= pages} aria-label="Last page">
        »
      </Button>
      <label className="ml-2 inline-flex items-center gap-1.5 text-zinc-700 dark:text-zinc-300">
        Rows per page
        <select
          value={limit}
          onChange={(e) => onChange({ offset: 0, limit: Number(e.target.value) })}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-600 dark:bg-zinc-900"
        >
          {sizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
