import type { Metadata } from 'next';
import { FleetDashboard } from '@/components/servers/fleet-dashboard';

export const metadata: Metadata = { title: 'Servers' };

export default function FleetPage() {
  return <FleetDashboard />;
}
