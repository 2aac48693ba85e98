import type { AlertSeverity } from '@/server/contracts/alerts';
import { Badge, type Tone } from '@/components/ui/badge';

const tone: Record<AlertSeverity, Tone> = { critical: 'red', warning: 'amber', info: 'blue' };

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return <Badge tone={tone[severity]}>{severity}</Badge>;
}
