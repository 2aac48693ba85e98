import type { Metadata } from 'next';
import { AlertRulesSettings } from '@/components/alerts/alert-rules-settings';

export const metadata: Metadata = { title: 'Alert rules' };

export default function AlertRulesPage() {
  return <AlertRulesSettings />;
}
