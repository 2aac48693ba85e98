export const wizardSteps = [
  { id: 'server', label: 'Server' },
  { id: 'target', label: 'Target' },
  { id: 'backup', label: 'Base backup' },
  { id: 'destination', label: 'Destination' },
  { id: 'options', label: 'Options' },
  { id: 'review', label: 'Review' },
  { id: 'run', label: 'Restore' },
] as const;

export type StepId = (typeof wizardSteps)[number]['id'];

type Props = {
  current: StepId;
  /** Why one cannot go past a step; null when it is complete. */
  blockers: Partial<Record<StepId, string | null>>;
  hidden: readonly StepId[];
  onGo: (step: StepId) => void;
};

/** Where you are in the wizard; steps before the first incomplete one can be revisited. */
export function WizardStepper({ current, blockers, hidden, onGo }: Props) {
  const visible = wizardSteps.filter((s) => !hidden.includes(s.id));
  const firstBlocked = visible.findIndex((s) => Boolean(blockers[s.id]));
  return (
    <nav aria-label="Wizard steps" className="mb-6">
      <ol className="flex flex-wrap gap-1 text-sm">
        {visible.map((s, i) => {
          const isCurrent = s.id === current;
          const reachable = firstBlocked === -1 || i <= firstBlocked;
          return (
            <li key={s.id} className="flex items-center gap-1">
              <button
                type="button"
                onClick={() => onGo(s.id)}
                disabled={!reachable}
                aria-current={isCurrent ? 'step' : undefined}
                className={`rounded-md px-2.5 py-1.5 font-medium focus-visible:outline-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed ${
                  isCurrent
                    ? 'bg-blue-700 text-white dark:bg-blue-600'
                    : reachable
                      ? 'text-zinc-800 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800'
                      : 'text-zinc-400 dark:text-zinc-600'
                }`}
              >
                <span className="tabular-nums">{i + 1}.</span> {s.label}
              </button>
              {i < visible.length - 1 ? (
                <span aria-hidden className="text-zinc-400 dark:text-zinc-600">
                  ›
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
