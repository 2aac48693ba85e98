import { compressionLevelRanges } from '../../contracts/compression-levels';
import type { CheckResult, Probe } from '../types';
import { failed, ok } from './result';

// Barman's BackupManager.check: `compression settings`, `failed backups`, `minimum redundancy
// requirements` (the executor's `ssh` checks follow, see check-ssh).


export function checkBackupManager(probe: Probe): CheckResult[] {
  return [checkCompression(probe), ...checkBackupCounts(probe)];
}

/** Both codecs in use (backups and WAL) must load and round-trip here, and the level must suit the backup codec. */
function checkCompression(probe: Probe): CheckResult {
  const name = 'compression settings';
  const { compression, walCompression, compressionLevel } = probe.server;
  const problems: string[] = [];
  for (const [option, codec] of [
    ['compression', compression],
    ['wal_compression', walCompression],
  ] as const) {
    if (codec === 'none') continue;
    const state = probe.codecs[codec];
    if (!state.ok)
      problems.push(
        `${option} = ${codec} is not usable on this host: ${state.error}; reinstall Cellar's dependencies (npm ci) or choose another codec`,
      );
  }
  const range = compression === 'zstd' || compression === 'gzip' ? compressionLevelRanges[compression] : undefined;
  if (compressionLevel !== null && range && (compressionLevel < range[0] || compressionLevel > range[1])) {
    problems.push(
      `compression_level ${compressionLevel} is out of range for ${compression} (${range[0]} to ${range[1]})`,
    );
  }
  if (problems.length) return failed(name, [...new Set(problems)].join('; '));
  if (compressionLevel !== null && (compression === 'lz4' || compression === 'none')) {
    return ok(name, `compression_level ${compressionLevel} is ignored with ${compression}`);
  }
  return ok(name);
}

function checkBackupCounts(probe: Probe): CheckResult[] {
  const catalog = probe.catalog;
  if (!catalog.ok) {
    const why = catalog.error;
    return [failed('failed backups', why), failed('minimum redundancy requirements', why)];
  }
  const { failedBackups, doneBackups } = catalog.value;
  const minimum = probe.server.minimumRedundancy;
  const failedHint = `there are ${failedBackups} failed backups${failedBackups ? ': read their errors, then delete them once understood' : ''}`;
  return [
    failedBackups === 0 ? ok('failed backups', failedHint) : failed('failed backups', failedHint),
    (doneBackups >= minimum ? ok : failed)(
      'minimum redundancy requirements',
      `have ${doneBackups} non-incremental backups, expected at least ${minimum}`,
    ),
  ];
}
