import { formatAge, humanDuration, prettySize, tryParseAge } from '../../contracts/barman-options';
import type { CatalogFacts, CheckResult, Probe } from '../types';
import { failed, ok } from './result';

const noBackups = 'no backups yet; take one';

/** Barman's check_backup_validity: `backup maximum age`, then `backup minimum size` (with perfdata). */
export function checkBackupValidity(probe: Probe): CheckResult[] {
  const catalog = probe.catalog;
  if (!catalog.ok) {
    const why = catalog.error;
    return [failed('backup maximum age', why), failed('backup minimum size', why)];
  }
  return [maximumAge(probe, catalog.value), minimumSize(probe, catalog.value)];
}

function maximumAge(probe: Probe, catalog: CatalogFacts): CheckResult {
  const name = 'backup maximum age';
  const setting = probe.server.lastBackupMaximumAge;
  if (!setting) return ok(name, 'no last_backup_maximum_age provided');
  const age = tryParseAge(setting);
  if (!age.ok) return failed(name, `last_backup_maximum_age: ${age.error}`);
  const interval = `interval provided: ${formatAge(age.value)}`;
  const last = catalog.lastBackup;
  if (!last) return failed(name, `${interval}, latest backup age: none (${noBackups})`);
  if (!last.endTime) return failed(name, `${interval}, latest backup ${last.backupId} has no end time`);
  const ageSeconds = (probe.now.getTime() - last.endTime.getTime()) / 1000;
  const hint = `${interval}, latest backup age: ${humanDuration(ageSeconds)}`;
  return ageSeconds <= age.value.seconds ? ok(name, hint) : failed(name, hint);
}

function minimumSize(probe: Probe, catalog: CatalogFacts): CheckResult {
  const name = 'backup minimum size';
  const size = catalog.lastBackup?.size ?? 0n;
  const perfdata = { backup_size: Number(size) };
  const minimum = probe.server.lastBackupMinimumSize;
  if (minimum === null) return ok(name, prettySize(size), perfdata);
  const enough = catalog.lastBackup !== null && size >= minimum;
  const hint = `last backup size ${prettySize(size)} ${enough ? '>' : '<'} ${prettySize(minimum)} minimum${catalog.lastBackup ? '' : ` (${noBackups})`}`;
  return enough ? ok(name, hint, perfdata) : failed(name, hint, perfdata);
}
