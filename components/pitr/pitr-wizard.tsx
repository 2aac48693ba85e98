'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { RecoveryWindowView } from '@/server/contracts/recovery';
import { useLivePlan, usePitrWindow } from '@/components/api/use-pitr';
import { useStartRestore } from '@/components/api/use-recovery';
import { useCan } from '@/components/auth/roles';
import { EmptyState, ErrorNotice, Loading, Notice } from '@/components/ui/feedback';
import { BackupStep } from './backup-step';
import { DestinationStep } from './destination-step';
import { OptionsStep } from './options-step';
import { ReviewStep } from './review-step';
import { RunStep } from './run-step';
import { shownTimeline, TargetStep } from './target-step';
import { stepBlockers } from './wizard-gates';
import {
  destinationProblems,
  initialState,
  targetOf,
  toPlanInput,
  toStartInput,
  type WizardState,
} from './wizard-state';
import { WizardFooter } from './wizard-footer';
import { WizardStepper, wizardSteps, type StepId } from './wizard-stepper';

type Props = { server: string; backup: string | null; runId: string | null };

/** The guided point-in-time recovery of one server (issue 6, page 4). */
export function PitrWizard({ server, backup, runId }: Props) {
  const recovery = usePitrWindow(server, 120);
  if (recovery.isPending) return <Loading label="Reading the recoverable window…" />;
  if (!recovery.data)
    return (
      <ErrorNotice
        title="The recoverable window could not be read."
        error={recovery.error}
        onRetry={() => void recovery.refetch()}
      />
    );
  if (recovery.data.timelines.length === 0 && !runId)
    return (
      <EmptyState title={`Nothing of ${server} can be restored yet`}>
        <p>
          A restore needs a completed backup and the WAL archived after it. Take a backup on the server page,
          and archive WAL with archive_command (cellar-wal-archive) or WAL streaming.
        </p>
        <p>
          <Link
            className="text-blue-700 underline dark:text-blue-400"
            href={`/servers/${encodeURIComponent(server)}`}
          >
            Open {server}
          </Link>
        </p>
      </EmptyState>
    );
  return <Wizard server={server} backup={backup} runId={runId} recovery={recovery.data} />;
}

function Wizard({ server, backup, runId, recovery }: Props & { recovery: RecoveryWindowView }) {
  const router = useRouter();
  const canRestore = useCan('operator');
  const [state, setState] = useState<WizardState>(() => initialState(backup, ''));
  const [step, setStep] = useState<StepId>(runId ? 'run' : 'target');
  const [origin, setOrigin] = useState('');
  const set = (patch: Partial<WizardState>) => setState((s) => ({ ...s, ...patch }));
  useEffect(() => {
    setOrigin(window.location.origin);
    setState((s) => (s.getWalUrl ? s : { ...s, getWalUrl: window.location.origin }));
  }, []);
  const names = useMemo(
    () => recovery.timelines.flatMap((t) => t.restorePoints.map((p) => p.name)),
    [recovery],
  );
  const target = targetOf(state, names);
  const plan = useLivePlan(server, toPlanInput(state, names));
  const autoPlan = useLivePlan(server, state.backup === 'auto' ? null : toPlanInput(state, names, 'auto'));
  const problems = destinationProblems(state, names);
  const blockers = stepBlockers({ target, plan, state, problems, canRestore });
  const start = useStartRestore(server);
  const planned = plan.current && plan.data?.ok ? plan.data : null;
  const body = planned?.backup ? toStartInput(state, names, planned.backup.backupId) : null;
  const go = useStepFocus(setStep);
  const visible = wizardSteps.filter((s) => (s.id === 'run' ? canRestore || runId : true));
  const index = visible.findIndex((s) => s.id === step);
  const runRestore = () =>
    body &&
    start.mutate(body, {
      onSuccess: (run) => {
        router.replace(`/servers/${encodeURIComponent(server)}/recover?run=${run.id}`);
        go('run');
      },
    });
  const timeline = shownTimeline(recovery, state, plan);

  return (
    <div>
      <WizardStepper
        current={step}
        blockers={blockers}
        hidden={canRestore || runId ? [] : ['run']}
        onGo={(id) => (id === 'server' ? router.push('/recover') : go(id))}
      />
      <StepFrame step={step}>
        {step === 'target' ? (
          <TargetStep recovery={recovery} state={state} set={set} plan={plan} restorePoints={names} />
        ) : null}
        {step === 'backup' ? (
          <BackupStep
            server={server}
            chosen={state.backup}
            onChoose={(b) => set({ backup: b })}
            plan={plan}
            autoPlan={autoPlan}
            window={recovery.timelines.find((t) => t.timeline === timeline) ?? null}
            zone={state.zone}
          />
        ) : null}
        {step === 'destination' ? (
          <DestinationStep
            server={server}
            backupId={planned?.backup?.backupId ?? null}
            state={state}
            set={set}
            problems={problems}
            canTest={canRestore}
          />
        ) : null}
        {step === 'options' ? <OptionsStep state={state} set={set} problems={problems} /> : null}
        {step === 'review' ? (
          planned && body ? (
            <ReviewStep server={server} origin={origin} plan={planned} body={body} state={state} />
          ) : (
            <Notice tone="warning">{blockers.target ?? 'The plan is being checked…'}</Notice>
          )
        ) : null}
        {step === 'run' && runId ? (
          <RunStep
            server={server}
            runId={runId}
            onAnother={() => {
              router.replace(`/servers/${encodeURIComponent(server)}/recover`);
              go('review');
            }}
          />
        ) : null}
      </StepFrame>
      {step !== 'run' ? (
        <WizardFooter
          step={step}
          previous={visible[index - 1]}
          next={visible[index + 1]}
          blocker={blockers[step]}
          canRestore={canRestore}
          overwritePath={state.overwrite ? state.path.trim() : null}
          restoring={start.isPending}
          ready={body !== null}
          onGo={go}
          onRestore={runRestore}
        />
      ) : null}
      {start.error ? (
        <div className="mt-4">
          <ErrorNotice title="The restore was not started." error={start.error} />
        </div>
      ) : null}
    </div>
  );
}

/** Moves to a step and puts the focus on its heading, so keyboard and screen reader users follow. */
function useStepFocus(setStep: (step: StepId) => void) {
  return (step: StepId) => {
    setStep(step);
    requestAnimationFrame(() => document.getElementById('pitr-step-heading')?.focus());
  };
}

const stepTitles: Record<StepId, string> = {
  server: 'Choose the server',
  target: 'Choose the recovery target',
  backup: 'The base backup',
  destination: 'Where to restore',
  options: 'Recovery options',
  review: 'Review',
  run: 'Restore',
};

function StepFrame({ step, children }: { step: StepId; children: ReactNode }) {
  return (
    <section aria-labelledby="pitr-step-heading" className="space-y-4">
      <h2
        id="pitr-step-heading"
        tabIndex={-1}
        className="text-lg font-semibold text-zinc-900 focus:outline-none dark:text-zinc-100"
      >
        {stepTitles[step]}
      </h2>
      {children}
    </section>
  );
}
