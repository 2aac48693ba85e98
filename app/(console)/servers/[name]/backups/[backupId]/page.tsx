import type { Metadata } from 'next';
import { BackupDetail } from '@/components/backups/backup-detail';

type Props = { params: Promise<{ name: string; backupId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name, backupId } = await params;
  return { title: `Backup ${backupId} of ${name}` };
}

export default async function BackupPage({ params }: Props) {
  const { name, backupId } = await params;
  return <BackupDetail name={name} backupRef={backupId} />;
}
