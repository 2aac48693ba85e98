import type { Metadata } from 'next';
import { Suspense } from 'react';
import { JobsList } from '@/components/jobs/jobs-list';
import { Loading } from '@/components/ui/feedback';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Jobs' };

export default function JobsPage() {
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Every check, backup and restore, newest first; refreshed every 5 seconds."
      />
      <Suspense fallback={<Loading label="Loading jobs…" />}>
        <JobsList />
      </Suspense>
    </>
  );
}
