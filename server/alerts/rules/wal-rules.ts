import { summariseErrorFiles } from '../../checks/evaluate/check-archiver-errors';
import type { Finding, ServerFacts } from '../types';
import { subjectOf } from './backup-rules';

/**
 * Holes in the archive that cut point-in-time recovery. WAL older than the oldest backup that
 * needs it may be gone on purpose (retention, standalone keeps), so only gaps that end at or
 * after that backup's begin_wal count; with no such backup, every gap does.
 */
export function walGaps(facts: ServerFacts): Finding[] {
  const since = facts.oldestBeginWal;
  const gaps = since ? facts.gaps.filter((g) => g.to >= since) : facts.gaps;
  if (!gaps.length) return [];
  const missing = gaps.reduce((sum, g) => sum + g.missing, 0);
  const first = gaps[0];
  return [
    {
      rule: 'wal_gaps',
      ...subjectOf(facts),
      summary: `${missing} WAL segment${missing === 1 ? '' : 's'} of ${facts.server.name} missing in ${gaps.length} gap${gaps.length === 1 ? '' : 's'}${first ? `, first ${first.from}${first.to === first.from ? '' : `..${first.to}`}` : ''}: recovery cannot replay past it.`,
      details: { gaps: gaps.slice(0, 20), gapCount: gaps.length, missing },
    },
  ];
}

/** Barman keeps what it refused in errors/ and its `archiver errors` check fails until it is gone. */
export function walConflict(facts: ServerFacts): Finding[] {
  const files = facts.errorFiles;
  if (!files.length) return [];
  const duplicates = files.filter((f) => f.endsWith('.duplicate')).length;
  return [
    {
      rule: 'wal_conflict',
      ...subjectOf(facts),
      summary: `${facts.server.name} has ${files.length} refused WAL file${files.length === 1 ? '' : 's'} kept aside (${summariseErrorFiles(files)})${duplicates ? ': a different file arrived under the name of a stored one; find out which cluster sent it' : ''}. Remove each file from the errors directory once resolved.`,
      details: { files: files.slice(0, 50), count: files.length, duplicates },
    },
  ];
}
