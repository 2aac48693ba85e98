import type { ReactNode } from 'react';
import { describeError } from '@/components/api/describe-error';
import { Button } from './button';

export function ErrorNotice({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const { message, hint, requestId } = describeError(error);
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      <p>{message}</p>
      {hint ? <p className="mt-1">{hint}</p> : null}
      {requestId ? (
        <p className="mt-1">
          Request id: <code className="font-mono select-all">{requestId}</code>
        </p>
      ) : null}
      {onRetry ? (
        <Button size="sm" className="mt-2" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

type Tone = 'info' | 'success' | 'warning';
const tones: Record<Tone, string> = {
  info: 'border-blue-300 bg-blue-50 text-blue-950 dark:border-blue-800 dark:bg-blue-950/60 dark:text-blue-100',
  success:
    'border-green-300 bg-green-50 text-green-950 dark:border-green-800 dark:bg-green-950/60 dark:text-green-100',
  warning:
    'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100',
};

/** A banner; `role="status"` so screen readers announce it without interrupting. */
export function Notice({ tone = 'info', children }: { tone?: Tone; children: ReactNode }) {
  return (
    <div role="status" className={`rounded-md border p-3 text-sm ${tones[tone]}`}>
      {children}
    </div>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <p role="status" className="flex items-center gap-2 py-6 text-sm text-zinc-600 dark:text-zinc-400">
      <span
        aria-hidden
        className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent"
      />
      {label}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700">
      <p className="font-semibold text-zinc-900 dark:text-zinc-100">{title}</p>
      {children ? (
        <div className="mt-2 space-y-3 text-sm text-zinc-600 dark:text-zinc-400">{children}</div>
      ) : null}
    </div>
  );
}
