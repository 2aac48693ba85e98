import { prettySize } from '../../contracts/barman-options';
import type { CheckResult, Probe } from '../types';
import { failed, ok } from './result';

// One WAL segment must fit, or archiving stops at once; below that the repository is full.
const minimumFreeBytes = 16 * 1024 * 1024;

/** Barman's `directories`: the server's repository directory exists (created if missing) and takes writes. */
export function checkDirectories(probe: Probe): CheckResult[] {
  const repo = probe.repository;
  if (!repo.ok) return [failed('directories', repo.error)];
  const { path, problem, freeBytes } = repo.value;
  if (problem) return [failed('directories', problem)];
  if (freeBytes === null) return [ok('directories', path)];
  const perfdata = { free_bytes: freeBytes };
  if (freeBytes < minimumFreeBytes) {
    return [
      failed(
        'directories',
        `${path}: only ${prettySize(freeBytes)} free, not even one WAL segment fits; free space or move CELLAR_REPOSITORY`,
        perfdata,
      ),
    ];
  }
  return [ok('directories', `${path}, ${prettySize(freeBytes)} free`, perfdata)];
}
