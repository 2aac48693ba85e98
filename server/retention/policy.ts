import {
  formatRetentionPolicy,
  tryParseRetentionPolicy,
  type RetentionPolicy,
} from '../contracts/barman-options';

// The retention engine's view of a server's `retention_policy` (Barman's retention_policies.py).
// Parsing lives in contracts/barman-options so the API, console and checks agree on it.

export type { RetentionPolicy } from '../contracts/barman-options';
export {
  formatRetentionPolicy,
  parseRetentionPolicy,
  tryParseRetentionPolicy,
} from '../contracts/barman-options';

const dayMs = 86_400_000;

/** The stored text of a server's policy, parsed; null when retention is off (Barman has no default). */
export function serverRetentionPolicy(stored: string | null): RetentionPolicy | null {
  if (stored === null || stored.trim() === '') return null;
  const parsed = tryParseRetentionPolicy(stored);
  if (!parsed.ok) throw new RangeError(`The stored retention policy is not valid: ${parsed.error}`);
  return parsed.value;
}

/**
 * REDUNDANCY n is raised to minimum_redundancy when that is larger (Barman logs a warning);
 * a recovery window keeps its length, minimum_redundancy then protects older backups instead.
 */
export function effectivePolicy(
  policy: RetentionPolicy,
  minimumRedundancy: number,
): { policy: RetentionPolicy; raised: boolean } {
  if (policy.kind === 'redundancy' && minimumRedundancy > policy.count) {
    return { policy: { kind: 'redundancy', count: minimumRedundancy }, raised: true };
  }
  return { policy, raised: false };
}

/** The point of recoverability of a recovery window: now minus its days (a month is 31 days). */
export function pointOfRecoverability(policy: RetentionPolicy & { kind: 'window' }, now: Date): Date {
  return new Date(now.getTime() - policy.days * dayMs);
}

export function describeRetentionPolicy(policy: RetentionPolicy | null): string {
  return policy === null ? 'retention off (no policy set)' : formatRetentionPolicy(policy);
}
