import type { Metadata } from 'next';
import { RunDetail } from '@/components/jobs/run-detail';

export const metadata: Metadata = { title: 'Job' };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RunDetail id={id} />;
}
