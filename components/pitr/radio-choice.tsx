import { useId, type ReactNode } from 'react';

type Option<T extends string> = { value: T; label: ReactNode; help?: ReactNode };

/** A labelled group of radio buttons (a fieldset), shown as cards; arrow keys move between them. */
export function RadioChoice<T extends string>({
  legend,
  options,
  value,
  onChange,
  columns = false,
}: {
  legend: ReactNode;
  options: readonly Option<T>[];
  value: T;
  onChange: (value: T) => void;
  columns?: boolean;
}) {
  const name = useId();
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-zinc-900 dark:text-zinc-100">{legend}</legend>
      <div className={columns ? 'grid gap-2 sm:grid-cols-2' : 'flex flex-wrap gap-2'}>
        {options.map((o) => (
          <label
            key={o.value}
            className={`flex cursor-pointer items-start gap-2 rounded-md border px-3 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600 ${
              value === o.value
                ? 'border-blue-600 bg-blue-50 text-blue-950 dark:border-blue-400 dark:bg-blue-950/50 dark:text-blue-50'
                : 'border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800'
            }`}
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              className="mt-0.5 accent-blue-700"
            />
            <span>
              <span className="font-medium">{o.label}</span>
              {o.help ? (
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">{o.help}</span>
              ) : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
