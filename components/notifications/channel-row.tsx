'use client';

import type { ChannelView, TestSendResult } from '@/server/contracts/notifications';
import { useTestChannel } from '@/components/api/use-notifications';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Td, rowClass } from '@/components/ui/table';
import { Time } from '@/components/ui/values';

type Actions = { onEdit: () => void; onRotate: () => void; onDelete: () => void };

/** One channel: where it sends, what it takes, whether it works, and its buttons. */
export function ChannelRow({ channel: c, actions }: { channel: ChannelView; actions: Actions }) {
  const test = useTestChannel();
  return (
    <tr className={rowClass}>
      <Td className="font-medium">{c.name}</Td>
      <Td>
        {c.kind === 'webhook' ? <span className="break-all">{c.webhook?.url}</span> : `${c.email?.to.join(', ') ?? ''} via ${c.email?.host ?? ''}:${c.email?.port ?? ''}`}
      </Td>
      <Td>
        {c.minSeverity}+{c.ruleKinds.length ? `, ${c.ruleKinds.length} rule${c.ruleKinds.length === 1 ? '' : 's'}` : ', all rules'}
        {c.digestSeconds ? `, digest ${c.digestSeconds} s` : ''}
      </Td>
      <Td>
        {!c.enabled ? <Badge tone="gray">off</Badge> : c.healthy ? <Badge tone="green">working</Badge> : <Badge tone="red">failing</Badge>}
        {c.lastSuccessAt ? (
          <span className="block text-xs">
            last sent <Time iso={c.lastSuccessAt} />
          </span>
        ) : null}
        {!c.healthy && c.lastError ? (
          <span className="block max-w-md text-xs text-red-800 dark:text-red-300">
            <Time iso={c.lastFailureAt} />, {c.consecutiveFailures} in a row: {c.lastError}
          </span>
        ) : null}
        {c.pendingDeliveries ? <span className="block text-xs">{c.pendingDeliveries} waiting</span> : null}
      </Td>
      <Td>
        <div className="flex flex-wrap gap-1">
          <Button size="sm" busy={test.isPending} onClick={() => test.mutate(c.id)} aria-label={`Send test through ${c.name}`}>
            Send test
          </Button>
          <Button size="sm" onClick={actions.onEdit} aria-label={`Edit ${c.name}`}>
            Edit
          </Button>
          {c.kind === 'webhook' ? (
            <Button size="sm" onClick={actions.onRotate} aria-label={`Rotate the secret of ${c.name}`}>
              Rotate secret
            </Button>
          ) : null}
          <Button size="sm" variant="danger" onClick={actions.onDelete} aria-label={`Delete ${c.name}`}>
            Delete
          </Button>
        </div>
        <TestOutcome result={test.data} error={test.error} />
      </Td>
    </tr>
  );
}

function TestOutcome({ result, error }: { result: TestSendResult | undefined; error: unknown }) {
  if (error) return <ErrorNotice title="The test could not be started." error={error} />;
  if (!result) return null;
  return (
    <p role="status" className={`mt-1 text-sm ${result.ok ? 'text-green-800 dark:text-green-300' : 'text-red-800 dark:text-red-300'}`}>
      {result.ok ? `Test sent (${result.detail}, ${result.durationMs} ms).` : `Test failed: ${result.error ?? 'unknown error'}`}
    </p>
  );
}
