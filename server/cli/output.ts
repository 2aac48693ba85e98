// Console output in Barman's manner: aligned columns, `key : value` blocks, binary units; or the
// API's JSON untouched with `-f json`, for scripts.

export type OutputFormat = 'console' | 'json';

export type Output = {
  readonly format: OutputFormat;
  /** Prints `data` as JSON in json mode, or calls `render` for the console. */
  emit(data: unknown, render: () => string): void;
  line(text?: string): void;
};

export function createOutput(
  format: OutputFormat,
  write: (text: string) => void = (t) => process.stdout.write(t),
): Output {
  return {
    format,
    emit(data, render) {
      write(format === 'json' ? `${JSON.stringify(data, null, 2)}\n` : withNewline(render()));
    },
    line(text = '') {
      if (format === 'console') write(`${text}\n`);
    },
  };
}

function withNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/** Columns padded to their widest cell; the last column is not padded. */
export function table(header: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Barman's show-backup layout: groups of `  Key : value` lines under a title. */
export function facts(
  groups: [title: string, entries: [string, string | number | null | undefined][]][],
): string {
  const width = Math.max(...groups.flatMap(([, entries]) => entries.map(([k]) => k.length)));
  return groups
    .map(([title, entries]) => {
      const lines = entries
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `  ${k.padEnd(width)} : ${v === null ? '-' : String(v)}`);
      return `${title}:\n${lines.join('\n')}`;
    })
    .join('\n\n');
}

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function bytes(value: number | null | undefined): string {
  if (value === null || value === undefined) return '-';
  let n = value;
  let unit = 0;
  while (Math.abs(n) >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${n.toFixed(1)} ${units[unit]}`;
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${Math.round(seconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** A timestamp as Barman prints it: local time, to the second. */
export function time(iso: string | null | undefined): string {
  if (!iso) return '-';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
