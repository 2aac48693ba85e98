import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuditList } from '@/components/audit/audit-list';
import { Loading } from '@/components/ui/feedback';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Audit' };

export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit" description="Who did what, when and from where — newest first." />
      <Suspense fallback={<Loading label="Loading audit events…" />}>
        <AuditList />
      </Suspense>
    </>
  );
}
