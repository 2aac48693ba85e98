import type { PlanRestoreInput, StartRestoreInput } from '@/server/contracts/recovery';

// The plain restore form's state and its translation into the API's input (issue 5, part 5).

export type TargetKind = 'latest' | 'immediate' | 'time' | 'xid' | 'lsn' | 'name';

export type RestoreFormState = {
  backup: string;
  kind: TargetKind;
  value: string;
  timeline: string;
  inclusive: boolean;
  action: 'pause' | 'promote' | 'shutdown';
  destKind: 'local' | 'ssh';
  sshTarget: string;
  path: string;
  walMode: 'copy' | 'get-wal';
  getWalUrl: string;
  getWalTokenFile: string;
  standby: boolean;
  keepArchiveCommand: boolean;
  overwrite: boolean;
};

export function defaultRestoreForm(backup: string | null): RestoreFormState {
  return {
    backup: backup ?? 'auto', kind: 'latest', value: '', timeline: 'latest', inclusive: true, action: 'pause',
    destKind: 'local', sshTarget: '', path: '', walMode: 'copy', getWalUrl: '', getWalTokenFile: '', standby: false, keepArchiveCommand: false, overwrite: false,
  };
}

function target(form: RestoreFormState): PlanRestoreInput['target'] {
  const value = form.value.trim();
  switch (form.kind) {
    case 'time':
      // A local datetime-input value has no offset: read it as the browser's local time.
      return { kind: 'time', time: /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : new Date(value).toISOString() };
    case 'xid':
      return { kind: 'xid', xid: value };
    case 'lsn':
      return { kind: 'lsn', lsn: value };
    case 'name':
      return { kind: 'name', name: value };
    default:
      return { kind: form.kind };
  }
}

export function toPlanInput(form: RestoreFormState): PlanRestoreInput {
  const timeline = /^\d+$/.test(form.timeline) ? Number(form.timeline) : (form.timeline as 'latest' | 'current');
  return { backup: form.backup || 'auto', target: target(form), timeline, inclusive: form.inclusive, action: form.action };
}

export function toStartInput(form: RestoreFormState): StartRestoreInput {
  return {
    ...toPlanInput(form),
    destination: form.destKind === 'local' ? { kind: 'local', path: form.path.trim() } : { kind: 'ssh', target: form.sshTarget.trim(), path: form.path.trim() },
    walMode: form.walMode,
    ...(form.walMode === 'get-wal' ? { getWal: { url: form.getWalUrl.trim(), tokenFile: form.getWalTokenFile.trim() } } : {}),
    standby: form.standby,
    keepArchiveCommand: form.keepArchiveCommand,
    overwrite: form.overwrite,
  };
}
