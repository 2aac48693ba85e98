import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { PitrWizard } from '@/components/pitr/pitr-wizard';

type Props = { params: Promise<{ name: string }>; searchParams: Promise<{ backup?: string; run?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Recover ${(await params).name}` };
}

export default async function RecoverServerPage({ params, searchParams }: Props) {
  const { name } = await params;
  const { backup, run } = await searchParams;
  return (
    <>
      <PageHeader
        title={`Point-in-time recovery of ${name}`}
        description={
          <>
            Choose a moment the archive can reach; Cellar checks it, picks the base backup and says why before
            anything is written.{' '}
            <Link
              className="text-blue-700 underline dark:text-blue-400"
              href={`/servers/${encodeURIComponent(name)}`}
            >
              Back to {name}
            </Link>
          </>
        }
      />
      <PitrWizard server={name} backup={backup ?? null} runId={run ?? null} />
    </>
  );
}
