'use client';

import type { CreatedToken } from '@/components/api/types';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';

/** The plain token, shown this once: only its hash is stored, so it cannot be shown again. */
export function TokenReveal({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  return (
    <div
      role="region"
      aria-label="New API token"
      className="space-y-3 rounded-lg border-2 border-amber-400 bg-amber-50 p-4 dark:border-amber-600 dark:bg-amber-950/50"
    >
      <p className="font-semibold text-amber-950 dark:text-amber-100">
        Copy the token {token.name ? `“${token.name}” ` : ''}now — it will not be shown again.
      </p>
      <p className="text-sm text-amber-950 dark:text-amber-100">
        Cellar keeps only a hash of it. Store it in your password manager or the CLI&apos;s configuration; if
        you lose it, revoke it and create another.
      </p>
      <label htmlFor="new-token" className="sr-only">
        New token value
      </label>
      <input
        id="new-token"
        readOnly
        value={token.token}
        onFocus={(e) => e.currentTarget.select()}
        className="block w-full rounded-md border border-amber-400 bg-white px-3 py-2 font-mono text-sm dark:bg-zinc-900"
      />
      <div className="flex flex-wrap items-center gap-3">
        <CopyButton text={token.token} label="Copy token" />
        <Button size="sm" variant="ghost" onClick={onDone}>
          I have stored it
        </Button>
      </div>
    </div>
  );
}
