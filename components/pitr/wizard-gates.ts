import type { RestorePlanView } from '@/server/contracts/recovery';
import type { StepId } from './wizard-stepper';
import { verifiedFingerprint, type FieldProblems, type WizardState } from './wizard-state';
import type { ResolvedTarget } from './target-text';

type Inputs = {
  target: ResolvedTarget;
  plan: { data?: RestorePlanView; current: boolean };
  state: WizardState;
  problems: FieldProblems;
  canRestore: boolean;
};

/** Why the user cannot go past each step yet (pure); null when the step is complete. */
export function stepBlockers({
  target,
  plan,
  state,
  problems,
  canRestore,
}: Inputs): Partial<Record<StepId, string | null>> {
  const planBlocker = !target.ok
    ? target.message
    : !plan.current || !plan.data
      ? 'Checking the target against the archive…'
      : !plan.data.ok
        ? 'This target is not reachable: choose one in the recoverable window.'
        : null;
  const first = (list?: string[]) => list?.[0] ?? null;
  const ssh = state.destKind === 'ssh';
  const destination = !state.path.trim()
    ? 'Give the data directory.'
    : (first(problems.path) ??
      (ssh ? first(problems.sshTarget) : null) ??
      first(problems.tablespaces) ??
      (ssh && canRestore && !verifiedFingerprint(state)
        ? 'Test the SSH connection and confirm the host key first.'
        : null));
  return {
    server: null,
    target: planBlocker,
    backup: planBlocker,
    destination,
    options: first(problems.getWalUrl) ?? first(problems.getWalTokenFile),
    review: canRestore ? null : 'Only operators restore.',
  };
}
