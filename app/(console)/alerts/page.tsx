import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AlertsDashboard } from '@/components/alerts/alerts-dashboard';
import { Loading } from '@/components/ui/feedback';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Alerts' };

export default function AlertsPage() {
  return (
    <>
      <PageHeader title="Alerts" description="Open while their condition holds, resolved by themselves, kept as history." />
      <Suspense fallback={<Loading label="Loading alerts…" />}>
        <AlertsDashboard />
      </Suspense>
    </>
  );
}
