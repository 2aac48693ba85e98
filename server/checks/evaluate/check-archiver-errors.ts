import type { CheckResult, Probe } from '../types';
import { failed, ok } from './result';

/** Barman's `archiver errors`: the errors/ folder is empty; the hint counts what is in it by kind. */
export function checkArchiverErrors(probe: Probe): CheckResult[] {
  const repo = probe.repository;
  if (!repo.ok) return [failed('archiver errors', repo.error)];
  const files = repo.value.errorFiles;
  if (files.length === 0) return [ok('archiver errors')];
  return [
    failed(
      'archiver errors',
      `${summariseErrorFiles(files)}; inspect ${repo.value.path}/errors and remove each file once resolved`,
    ),
  ];
}

/** Barman's WalArchiver.summarise_error_files: "duplicates: 2, unknown: 1", in order of first appearance. */
export function summariseErrorFiles(files: string[]): string {
  const counts = new Map<string, number>();
  for (const file of files) {
    const kind = file.endsWith('.error')
      ? 'not relevant'
      : file.endsWith('.duplicate')
        ? 'duplicates'
        : file.endsWith('.unknown')
          ? 'unknown'
          : 'unknown failure';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, n]) => `${kind}: ${n}`).join(', ');
}
