'use client';

import { useState } from 'react';
import type { CreatedToken } from '@/components/api/types';
import { useServers } from '@/components/api/use-servers';
import { useTokens } from '@/components/api/use-tokens';
import { EmptyState } from '@/components/ui/feedback';
import { Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { CreateTokenForm } from './create-token-form';
import { TokenReveal } from './token-reveal';
import { TokensTable } from './tokens-table';

export function TokensAdmin() {
  const tokens = useTokens();
  const servers = useServers();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const serverNames = new Map((servers.data ?? []).map((s) => [s.id, s.name]));
  return (
    <>
      <Section title="Create a token">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          API tokens let the cellar CLI and scripts call Cellar as you, with the role you choose: send it as{' '}
          <code>Authorization: Bearer &lt;token&gt;</code>.
        </p>
        {created ? (
          <TokenReveal token={created} onDone={() => setCreated(null)} />
        ) : (
          <CreateTokenForm onCreated={setCreated} />
        )}
      </Section>
      <Section title="Tokens">
        <QueryView query={tokens} loading="Loading tokens…" errorTitle="The tokens could not be loaded.">
          {(list) =>
            list.length ? (
              <TokensTable tokens={list} serverNames={serverNames} />
            ) : (
              <EmptyState title="No tokens yet">
                <p>Create one above for the CLI or a monitoring script.</p>
              </EmptyState>
            )
          }
        </QueryView>
      </Section>
    </>
  );
}
