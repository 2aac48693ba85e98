'use client';

import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';

/** A webhook's signing secret, shown once: the receiver needs it to check X-Cellar-Signature. */
export function SecretReveal({ channel, secret, onDone }: { channel: string; secret: string; onDone: () => void }) {
  return (
    <div role="region" aria-label="New signing secret" className="mb-4 space-y-3 rounded-lg border-2 border-amber-400 bg-amber-50 p-4 dark:border-amber-600 dark:bg-amber-950/50">
      <p className="font-semibold text-amber-950 dark:text-amber-100">Copy the signing secret of “{channel}” now — it will not be shown again.</p>
      <p className="text-sm text-amber-950 dark:text-amber-100">
        The receiver recomputes HMAC-SHA256 of <code>&lt;X-Cellar-Timestamp&gt;.&lt;body&gt;</code> with it and compares with{' '}
        <code>X-Cellar-Signature</code>. Lost it? Rotate it from the channel.
      </p>
      <label htmlFor="signing-secret" className="sr-only">
        New signing secret value
      </label>
      <input id="signing-secret" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} className="block w-full rounded-md border border-amber-400 bg-white px-3 py-2 font-mono text-sm dark:bg-zinc-900" />
      <div className="flex flex-wrap items-center gap-3">
        <CopyButton text={secret} label="Copy secret" />
        <Button size="sm" variant="ghost" onClick={onDone}>
          I have stored it
        </Button>
      </div>
    </div>
  );
}
