import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { RecoveryWindowSummary } from '@/components/recovery/recovery-window-summary';
import { RestoreForm } from '@/components/recovery/restore-form';

type Props = { params: Promise<{ name: string }>; searchParams: Promise<{ backup?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `Restore ${name}` };
}

export default async function RestorePage({ params, searchParams }: Props) {
  const { name } = await params;
  const { backup } = await searchParams;
  return (
    <>
      <PageHeader title={`Restore ${name}`} description="Check the plan first: Cellar says whether the target is reachable, from which backup, and where recovery stops." />
      <RecoveryWindowSummary server={name} />
      <RestoreForm server={name} backup={backup ?? null} />
    </>
  );
}
