import {
  startRestoreInput,
  type PlanRestoreInput,
  type StartRestoreInput,
  type TargetAction,
} from '@/server/contracts/recovery';
import { resolveTarget, type KindChoice, type ResolvedTarget, type Zone } from './target-text';

// The PITR wizard's state and its translation into the API's plan and restore requests (pure).

export type WizardState = {
  targetText: string;
  kindChoice: KindChoice;
  zone: Zone;
  /** 'latest', 'current' or a timeline number as text. */
  timeline: string;
  inclusive: boolean;
  action: TargetAction;
  /** 'auto' or a backup id. */
  backup: string;
  destKind: 'local' | 'ssh';
  path: string;
  sshTarget: string;
  /** The destination the last successful connection test was for, with the key it trusted. */
  sshVerified: { target: string; fingerprint: string } | null;
  /** Tablespace oid → new location; empty keeps the backup's own location. */
  tablespaces: Record<string, string>;
  walMode: 'copy' | 'get-wal';
  getWalUrl: string;
  getWalTokenFile: string;
  standby: boolean;
  keepArchiveCommand: boolean;
  overwrite: boolean;
  channels: number;
};

export function initialState(backup: string | null, origin: string): WizardState {
  return {
    targetText: 'latest',
    kindChoice: 'auto',
    zone: 'local',
    timeline: 'latest',
    inclusive: true,
    action: 'pause',
    backup: backup ?? 'auto',
    destKind: 'local',
    path: '',
    sshTarget: '',
    sshVerified: null,
    tablespaces: {},
    walMode: 'copy',
    getWalUrl: origin,
    getWalTokenFile: '',
    standby: false,
    keepArchiveCommand: false,
    overwrite: false,
    channels: 4,
  };
}

export function timelineInput(text: string): PlanRestoreInput['timeline'] {
  return /^\d+$/.test(text) ? Number(text) : text === 'current' ? 'current' : 'latest';
}

export function targetOf(state: WizardState, restorePoints: readonly string[]): ResolvedTarget {
  return resolveTarget(state.targetText, state.kindChoice, state.zone, restorePoints);
}

/** The dry-run request, or null while the typed target is not one yet. */
export function toPlanInput(
  state: WizardState,
  restorePoints: readonly string[],
  backup = state.backup,
): PlanRestoreInput | null {
  const target = targetOf(state, restorePoints);
  if (!target.ok) return null;
  return {
    target: target.target,
    timeline: timelineInput(state.timeline),
    inclusive: state.inclusive,
    action: state.action,
    backup,
  };
}

/** Only the mappings the user changed: an empty location keeps the backup's own. */
function tablespaceMap(state: WizardState): Record<string, string> {
  return Object.fromEntries(
    Object.entries(state.tablespaces)
      .filter(([, location]) => location.trim() !== '')
      .map(([oid, location]) => [oid, location.trim()]),
  );
}

/**
 * The restore request. `backup` is the one the plan chose, so the restore runs from exactly
 * what the user reviewed even if a newer backup finishes meanwhile.
 */
export function toStartInput(
  state: WizardState,
  restorePoints: readonly string[],
  plannedBackup: string,
): StartRestoreInput | null {
  const plan = toPlanInput(state, restorePoints, plannedBackup);
  if (!plan) return null;
  return {
    ...plan,
    destination:
      state.destKind === 'local'
        ? { kind: 'local', path: state.path.trim() }
        : { kind: 'ssh', target: state.sshTarget.trim(), path: state.path.trim(), ...hostKeyOf(state) },
    tablespaces: tablespaceMap(state),
    walMode: state.walMode,
    ...(state.walMode === 'get-wal'
      ? { getWal: { url: state.getWalUrl.trim(), tokenFile: state.getWalTokenFile.trim() } }
      : {}),
    standby: state.standby,
    keepArchiveCommand: state.keepArchiveCommand,
    overwrite: state.overwrite,
    ...(state.destKind === 'ssh' ? { channels: state.channels } : {}),
  };
}

export type FieldProblems = Partial<
  Record<'path' | 'sshTarget' | 'getWalUrl' | 'getWalTokenFile' | 'tablespaces', string[]>
>;

/** The destination and options checked with the API's own schema, by field. */
export function destinationProblems(state: WizardState, restorePoints: readonly string[]): FieldProblems {
  const input = toStartInput(state, restorePoints, 'auto');
  if (!input) return {};
  const parsed = startRestoreInput.safeParse(input);
  if (parsed.success) return {};
  const problems: FieldProblems = {};
  const add = (key: keyof FieldProblems, message: string) =>
    (problems[key] = [...(problems[key] ?? []), message]);
  for (const issue of parsed.error.issues) {
    const [first, second] = issue.path.map(String);
    if (first === 'destination') add(second === 'target' ? 'sshTarget' : 'path', issue.message);
    else if (first === 'getWal') add(second === 'tokenFile' ? 'getWalTokenFile' : 'getWalUrl', issue.message);
    else if (first === 'tablespaces') add('tablespaces', `${second ?? ''}: ${issue.message}`);
  }
  return problems;
}

/** The host key fingerprint accepted in the destination step for the SSH target as it is now. */
export function verifiedFingerprint(state: WizardState): string | null {
  const verified = state.sshVerified;
  return verified && verified.target === state.sshTarget.trim() ? verified.fingerprint : null;
}

/** Sent along with the restore, so that it refuses any other key. */
function hostKeyOf(state: WizardState): { hostKey?: string } {
  const fingerprint = verifiedFingerprint(state);
  return fingerprint ? { hostKey: fingerprint } : {};
}
