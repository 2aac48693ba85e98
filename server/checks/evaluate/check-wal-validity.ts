import { formatAge, humanDuration, prettySize, tryParseAge } from '../../contracts/barman-options';
import type { CheckResult, Probe } from '../types';
import { failed, ok } from './result';

/**
 * Barman's check_wal_validity: `wal maximum age` (the newest WAL archived since the last backup
 * began is recent enough) and `wal size` (always OK: WAL after the last backup, as perfdata).
 */
export function checkWalValidity(probe: Probe): CheckResult[] {
  const catalog = probe.catalog;
  if (!catalog.ok)
    return [failed('wal maximum age', catalog.error), ok('wal size', prettySize(0), { wal_size: 0 })];
  const { lastBackup, newestWalSinceBackup, walBytesAfterBackup } = catalog.value;
  const walSize = lastBackup ? walBytesAfterBackup : 0n;
  return [
    maximumAge(probe, lastBackup !== null, newestWalSinceBackup),
    ok('wal size', prettySize(walSize), { wal_size: Number(walSize) }),
  ];
}

function maximumAge(probe: Probe, hasBackup: boolean, newest: Date | null): CheckResult {
  const name = 'wal maximum age';
  const setting = probe.server.lastWalMaximumAge;
  if (!setting) return ok(name, 'no last_wal_maximum_age provided');
  const age = tryParseAge(setting);
  if (!age.ok) return failed(name, `last_wal_maximum_age: ${age.error}`);
  if (!hasBackup) return failed(name, 'No WAL files archived for last backup (no backups yet; take one)');
  if (!newest)
    return failed(name, 'No WAL files archived for last backup: is WAL archiving or streaming working?');
  const ageSeconds = (probe.now.getTime() - newest.getTime()) / 1000;
  const hint = `interval provided: ${formatAge(age.value)}, latest wal age: ${humanDuration(ageSeconds)}`;
  return ageSeconds <= age.value.seconds ? ok(name, hint) : failed(name, hint);
}
