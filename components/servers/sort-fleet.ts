import type { ServerSummary } from '@/components/api/types';

/** Trouble first: failed checks, then never checked, then healthy; disabled servers last. */
export function troubleRank(s: ServerSummary): number {
  if (!s.enabled) return 3;
  if (!s.lastCheck) return 1;
  return s.lastCheck.ok ? 2 : 0;
}

export function sortFleet(servers: readonly ServerSummary[]): ServerSummary[] {
  return [...servers].sort((a, b) => troubleRank(a) - troubleRank(b) || a.name.localeCompare(b.name));
}
