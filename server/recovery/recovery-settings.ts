import type { RecoveryTarget } from '../contracts/recovery';

// The recovery_target* settings for a target (PostgreSQL 12+, in postgresql.auto.conf), as Barman
// writes them. restore_command is added by the restore, which knows where the WAL comes from.

export function recoverySettings(target: RecoveryTarget): Record<string, string> {
  const settings: Record<string, string> = {};
  const t = target.target;
  switch (t.kind) {
    case 'latest':
      break;
    case 'immediate':
      settings.recovery_target = 'immediate';
      break;
    case 'time':
      settings.recovery_target_time = t.time;
      break;
    case 'xid':
      settings.recovery_target_xid = t.xid;
      break;
    case 'lsn':
      settings.recovery_target_lsn = t.lsn;
      break;
    case 'name':
      settings.recovery_target_name = t.name;
      break;
  }
  if (!target.inclusive && ['time', 'xid', 'lsn'].includes(t.kind)) settings.recovery_target_inclusive = 'false';
  settings.recovery_target_timeline = String(target.timeline);
  if (t.kind !== 'latest') settings.recovery_target_action = target.action;
  return settings;
}

/** One setting as a postgresql.conf line: the value single-quoted, quotes doubled. */
export function settingLine(name: string, value: string): string {
  return `${name} = '${value.replaceAll("'", "''")}'`;
}
