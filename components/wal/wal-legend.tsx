/** What the marks of the WAL chart mean; timelines in the colours the bars use. */
export function WalLegend({ timelines }: { timelines: number[] }) {
  const swatch = ['bg-blue-600 dark:bg-blue-400', 'bg-violet-600 dark:bg-violet-400', 'bg-teal-600 dark:bg-teal-400', 'bg-orange-600 dark:bg-orange-400'];
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300">
      {timelines.map((t) => (
        <li key={t} className="inline-flex items-center gap-1.5">
          <span aria-hidden className={`inline-block size-3 rounded-sm ${swatch[(t - 1) % swatch.length]}`} />
          segments, timeline {t}
        </li>
      ))}
      <li className="inline-flex items-center gap-1.5">
        <span aria-hidden className="inline-block h-3 w-4 rounded-sm border border-red-600 bg-red-500/25" />
        missing segments (a gap)
      </li>
      <li className="inline-flex items-center gap-1.5">
        <span aria-hidden className="inline-block h-3 w-0 border-l-2 border-dashed border-violet-600" />
        timeline switch
      </li>
      <li className="inline-flex items-center gap-1.5">
        <span aria-hidden className="text-amber-500">▼</span>
        restore point
      </li>
      <li className="inline-flex items-center gap-1.5">
        <span aria-hidden className="inline-block size-2 rotate-45 bg-green-600" />
        backup (red: failed)
      </li>
    </ul>
  );
}
