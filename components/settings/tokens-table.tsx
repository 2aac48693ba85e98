'use client';

import { useState } from 'react';
import type { TokenView } from '@/components/api/types';
import { useRevokeToken } from '@/components/api/use-tokens';
import { useNow } from '@/components/format/use-now';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Table, Td, Th, rowClass } from '@/components/ui/table';
import { Time } from '@/components/ui/values';

function tokenState(t: TokenView, now: number): 'revoked' | 'expired' | 'active' {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && new Date(t.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

export function TokensTable({
  tokens,
  serverNames,
}: {
  tokens: TokenView[];
  serverNames: Map<string, string>;
}) {
  const now = useNow();
  const revoke = useRevokeToken();
  const [pending, setPending] = useState<TokenView | null>(null);
  return (
    <>
      <Table>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Kind</Th>
            <Th>Prefix</Th>
            <Th>Role</Th>
            <Th>Server</Th>
            <Th>Created</Th>
            <Th>Last used</Th>
            <Th>Expires</Th>
            <Th>Status</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {tokens.map((t) => {
            const state = tokenState(t, now);
            return (
              <tr key={t.id} className={rowClass}>
                <Td className="font-medium">{t.name}</Td>
                <Td>{t.kind === 'wal_archive' ? 'WAL archive' : 'API'}</Td>
                <Td className="font-mono text-xs">{t.prefix}…</Td>
                <Td>{t.role}</Td>
                <Td>{t.serverId ? (serverNames.get(t.serverId) ?? t.serverId) : '—'}</Td>
                <Td className="whitespace-nowrap">
                  <Time iso={t.createdAt} />
                </Td>
                <Td className="whitespace-nowrap">
                  <Time iso={t.lastUsedAt} empty="never" />
                </Td>
                <Td className="whitespace-nowrap">
                  <Time iso={t.expiresAt} empty="never" />
                </Td>
                <Td>
                  <Badge tone={state === 'active' ? 'green' : state === 'expired' ? 'amber' : 'gray'}>
                    {state}
                  </Badge>
                </Td>
                <Td>
                  {state === 'revoked' ? null : (
                    <Button
                      size="sm"
                      variant="danger"
                      onClick={() => {
                        revoke.reset();
                        setPending(t);
                      }}
                    >
                      Revoke {t.name}
                    </Button>
                  )}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <ConfirmDialog
        open={pending !== null}
        title={`Revoke the token ${pending?.name ?? ''}?`}
        confirmLabel="Revoke token"
        busy={revoke.isPending}
        error={revoke.error}
        onClose={() => setPending(null)}
        onConfirm={() => pending && revoke.mutate(pending.id, { onSuccess: () => setPending(null) })}
      >
        <p>
          Anything still using it (the CLI, a script, an archive_command) will be refused from now on. This
          cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
