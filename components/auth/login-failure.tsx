import type { ApiError } from '@/components/api/api-error';

/** Wrong credentials, a disabled account or throttling: the server's own words, plus when to retry. */
export function LoginFailure({ error }: { error: ApiError }) {
  const wait =
    error.status === 429 && error.retryAfterSeconds
      ? `You can try again in ${error.retryAfterSeconds} seconds.`
      : null;
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
    >
      <p>{error.message}</p>
      {wait ? <p className="mt-1">{wait}</p> : null}
    </div>
  );
}
