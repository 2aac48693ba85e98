import { tryParseRetentionPolicy } from '../../contracts/barman-options';
import type { CheckResult, Probe } from '../types';
import { failed, ok } from './result';

/** Barman's `retention policy settings`: a policy that is set must parse (nothing set is fine: retention off). */
export function checkRetentionSettings(probe: Probe): CheckResult[] {
  const stored = probe.server.retentionPolicy;
  if (!stored) return [ok('retention policy settings')];
  const parsed = tryParseRetentionPolicy(stored);
  return [parsed.ok ? ok('retention policy settings') : failed('retention policy settings', parsed.error)];
}
