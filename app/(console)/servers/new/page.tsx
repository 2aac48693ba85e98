import type { Metadata } from 'next';
import { NewServer } from '@/components/servers/new-server';

export const metadata: Metadata = { title: 'Add a server' };

export default function NewServerPage() {
  return <NewServer />;
}
