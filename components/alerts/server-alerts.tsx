'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { AlertView } from '@/server/contracts/alerts';
import { useAlerts } from '@/components/api/use-alerts';
import { useCan } from '@/components/auth/roles';
import { Section } from '@/components/ui/page-header';
import { AcknowledgeDialog } from './acknowledge-dialog';
import { AlertsTable } from './alerts-table';

/** The server page's open alerts; nothing at all when there are none. */
export function ServerAlerts({ name }: { name: string }) {
  const alerts = useAlerts({ state: 'open', server: name }, 20);
  const canAcknowledge = useCan('operator');
  const [pending, setPending] = useState<AlertView | null>(null);
  const list = alerts.data?.pages.flatMap((p) => p.alerts) ?? [];
  if (!list.length) return null;
  return (
    <Section title={`Open alerts (${list.length})`} actions={<Link className="text-sm underline" href={`/alerts?server=${encodeURIComponent(name)}`}>All alerts of {name}</Link>}>
      <AlertsTable alerts={list} label={`Open alerts of ${name}`} canAcknowledge={canAcknowledge} onAcknowledge={setPending} />
      <AcknowledgeDialog alert={pending} onClose={() => setPending(null)} />
    </Section>
  );
}
