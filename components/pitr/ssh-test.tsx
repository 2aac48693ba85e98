'use client';

import type { SshDestinationTestView } from '@/server/contracts/ssh-destination';
import { useTestSshDestination } from '@/components/api/use-pitr';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Time } from '@/components/ui/values';

type Props = {
  server: string;
  target: string;
  path: string;
  /** The target is well formed (the button is offered only then). */
  ready: boolean;
  onVerified: (verified: { target: string; fingerprint: string } | null) => void;
};

/**
 * "Test connection": the host key the destination presents, to compare and accept before any
 * credential is sent; then the login with the server's stored key and a look at the path.
 */
export function SshTest({ server, target, path, ready, onVerified }: Props) {
  const test = useTestSshDestination(server);
  const run = (accept?: string) =>
    test.mutate(
      { target, ...(path.startsWith('/') ? { path } : {}), ...(accept ? { accept } : {}) },
      {
        onSuccess: (view) =>
          onVerified(
            view.authenticated && view.hostKey ? { target, fingerprint: view.hostKey.fingerprint } : null,
          ),
      },
    );
  const view = test.data && test.data.target === target ? test.data : null;
  return (
    <div className="space-y-2">
      <Button onClick={() => run()} busy={test.isPending} disabled={!ready}>
        Test connection
      </Button>
      {test.error ? <ErrorNotice title="The connection could not be tested." error={test.error} /> : null}
      {view ? (
        <TestResult view={view} busy={test.isPending} onAccept={(fingerprint) => run(fingerprint)} />
      ) : null}
    </div>
  );
}

function TestResult({
  view,
  busy,
  onAccept,
}: {
  view: SshDestinationTestView;
  busy: boolean;
  onAccept: (fingerprint: string) => void;
}) {
  const key = view.hostKey ? (
    <p>
      {view.hostKey.type} key fingerprint:{' '}
      <code className="font-mono font-semibold break-all select-all">{view.hostKey.fingerprint}</code>
    </p>
  ) : null;
  if (view.problem)
    return (
      <div
        role="alert"
        aria-label="Connection test"
        className="space-y-1 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
      >
        {key}
        <p className="font-semibold">{view.problem}</p>
        <p>{view.advice}</p>
      </div>
    );
  if (!view.authenticated && view.hostKey)
    return (
      <div
        role="region"
        aria-label="Host key to confirm"
        className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-50"
      >
        <p className="font-semibold">{view.hostPort} is new to Cellar. Confirm its host key.</p>
        {key}
        <p>{view.advice}</p>
        <Button variant="primary" busy={busy} onClick={() => onAccept(view.hostKey?.fingerprint ?? '')}>
          Accept this key and log in
        </Button>
      </div>
    );
  return (
    <div
      role="region"
      aria-label="Connection test"
      className="space-y-1 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-950 dark:border-green-800 dark:bg-green-950/40 dark:text-green-100"
    >
      <p className="font-semibold">
        {view.accepted
          ? 'Host key accepted and pinned; the login works.'
          : 'The host key matches the pinned one; the login works.'}
      </p>
      {key}
      {view.pinned ? (
        <p>
          Pinned since <Time iso={view.pinned.firstSeenAt} absolute />.
        </p>
      ) : null}
      <p>{view.advice}</p>
    </div>
  );
}
