import type { Metadata } from 'next';
import { RetentionSection } from '@/components/retention/retention-section';
import { SchedulesSection } from '@/components/schedules/schedules-section';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Schedules and retention of ${(await params).name}` };
}

export default async function ServerSchedulesPage({ params }: Props) {
  const { name } = await params;
  return (
    <>
      <SchedulesSection server={name} />
      <RetentionSection server={name} />
    </>
  );
}
