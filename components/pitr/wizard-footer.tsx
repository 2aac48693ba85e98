import { Button } from '@/components/ui/button';
import type { StepId } from './wizard-stepper';

type Props = {
  step: StepId;
  previous: { id: StepId } | undefined;
  next: { id: StepId; label: string } | undefined;
  blocker: string | null | undefined;
  canRestore: boolean;
  /** The restore empties the destination first: the button says so. */
  overwritePath: string | null;
  restoring: boolean;
  ready: boolean;
  onGo: (step: StepId) => void;
  onRestore: () => void;
};

/** Back, Next (with why it is not possible yet), and on the review the restore itself. */
export function WizardFooter({
  step,
  previous,
  next,
  blocker,
  canRestore,
  overwritePath,
  restoring,
  ready,
  onGo,
  onRestore,
}: Props) {
  return (
    <div className="mt-6 flex flex-wrap items-center gap-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      {previous && previous.id !== 'server' ? <Button onClick={() => onGo(previous.id)}>Back</Button> : null}
      {step === 'review' ? (
        canRestore ? (
          <Button
            variant={overwritePath ? 'danger' : 'primary'}
            busy={restoring}
            disabled={!ready}
            onClick={onRestore}
          >
            {overwritePath ? `Empty ${overwritePath} and restore` : 'Restore now'}
          </Button>
        ) : (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            You are a viewer: you can explore the window and plans. An operator runs the restore, for example
            with the command above.
          </p>
        )
      ) : next ? (
        <Button variant="primary" disabled={Boolean(blocker)} onClick={() => onGo(next.id)}>
          Next: {next.label}
        </Button>
      ) : null}
      {blocker && step !== 'review' ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{blocker}</p>
      ) : null}
    </div>
  );
}
