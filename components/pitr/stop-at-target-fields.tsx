import { CheckboxField, SelectField } from '@/components/ui/field';
import type { WizardState } from './wizard-state';

const actionOptions = [
  { value: 'pause', label: 'pause (inspect, then promote by hand)' },
  { value: 'promote', label: 'promote (open for writes)' },
  { value: 'shutdown', label: 'shut down' },
];

/**
 * Where recovery stops and what it does there: asked beside the target, where the plan check
 * reads them, and again among the options, where they are reviewed with the rest.
 */
export function StopAtTargetFields({
  state,
  set,
}: {
  state: WizardState;
  set: (patch: Partial<WizardState>) => void;
}) {
  return (
    <>
      <CheckboxField
        label="Inclusive: stop just after the target"
        help="Off (exclusive): stop just before it. Time, xid and LSN targets only."
        checked={state.inclusive}
        onChange={(e) => set({ inclusive: e.target.checked })}
      />
      <SelectField
        className="min-w-64"
        label="When the target is reached"
        options={actionOptions}
        value={state.action}
        onChange={(e) => set({ action: e.target.value as WizardState['action'] })}
        help="recovery_target_action"
      />
    </>
  );
}
