import { formatAge, humanDuration, prettySize, tryParseAge } from '../../contracts/barman-options';
import type { Finding, ServerFacts } from '../types';

// The thresholds Barman's `check` knows (last_backup_maximum_age, last_backup_minimum_size,
// last_wal_maximum_age), read the same way: the latest backup whose copy is done counts, even
// while it waits for WAL. A threshold that is not set never opens an alert.

export function backupAge(facts: ServerFacts, now: Date): Finding[] {
  const setting = facts.server.lastBackupMaximumAge;
  if (!setting) return [];
  const age = tryParseAge(setting);
  // A malformed setting is the `backup maximum age` check's business (it says what to write).
  if (!age.ok) return [];
  const last = facts.catalog.lastBackup;
  const base = { rule: 'backup_age' as const, ...subjectOf(facts) };
  if (!last)
    return [
      {
        ...base,
        summary: `No backup of ${facts.server.name} yet; last_backup_maximum_age is ${formatAge(age.value)}. Take one.`,
        details: { maximumAge: formatAge(age.value) },
      },
    ];
  if (!last.endTime) return [];
  const seconds = (now.getTime() - last.endTime.getTime()) / 1000;
  if (seconds <= age.value.seconds) return [];
  return [
    {
      ...base,
      summary: `The last backup of ${facts.server.name} (${last.backupId}) is ${humanDuration(seconds)} old; last_backup_maximum_age is ${formatAge(age.value)}.`,
      details: {
        backupId: last.backupId,
        endTime: last.endTime.toISOString(),
        ageSeconds: Math.round(seconds),
        maximumAge: formatAge(age.value),
      },
    },
  ];
}

/** Without any backup there is nothing to measure: backup_age already says so. */
export function backupSize(facts: ServerFacts): Finding[] {
  const minimum = facts.server.lastBackupMinimumSize;
  const last = facts.catalog.lastBackup;
  if (minimum === null || !last) return [];
  const size = last.size ?? 0n;
  if (size >= minimum) return [];
  return [
    {
      rule: 'backup_size',
      ...subjectOf(facts),
      summary: `The last backup of ${facts.server.name} (${last.backupId}) is ${prettySize(size)}, below last_backup_minimum_size ${prettySize(minimum)}.`,
      details: { backupId: last.backupId, size: Number(size), minimumSize: Number(minimum) },
    },
  ];
}

/** Barman's `wal maximum age`: the newest WAL archived since the last backup began. */
export function walAge(facts: ServerFacts, now: Date): Finding[] {
  const setting = facts.server.lastWalMaximumAge;
  const last = facts.catalog.lastBackup;
  if (!setting || !last) return [];
  const age = tryParseAge(setting);
  if (!age.ok) return [];
  const newest = facts.catalog.newestWalSinceBackup;
  const base = { rule: 'wal_age' as const, ...subjectOf(facts) };
  if (!newest)
    return [
      {
        ...base,
        summary: `No WAL of ${facts.server.name} archived since its last backup (${last.backupId}) began: is archiving or streaming working?`,
        details: { backupId: last.backupId, maximumAge: formatAge(age.value) },
      },
    ];
  const seconds = (now.getTime() - newest.getTime()) / 1000;
  if (seconds <= age.value.seconds) return [];
  return [
    {
      ...base,
      summary: `The newest WAL of ${facts.server.name} was archived ${humanDuration(seconds)} ago; last_wal_maximum_age is ${formatAge(age.value)}.`,
      details: {
        newestArchivedAt: newest.toISOString(),
        ageSeconds: Math.round(seconds),
        maximumAge: formatAge(age.value),
      },
    },
  ];
}

export function subjectOf(
  facts: ServerFacts,
  part?: { key: string; label: string },
): Pick<Finding, 'subjectKey' | 'subject' | 'serverId'> {
  const { id, name } = facts.server;
  return part
    ? { subjectKey: `${id}/${part.key}`, subject: `${name} · ${part.label}`, serverId: id }
    : { subjectKey: id, subject: name, serverId: id };
}
