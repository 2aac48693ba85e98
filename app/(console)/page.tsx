import type { Metadata } from 'next';
import { FleetDashboard } from '@/components/fleet/fleet-dashboard';

export const metadata: Metadata = { title: 'Servers' };

export default function FleetPage() {
  return <FleetDashboard />;
}
