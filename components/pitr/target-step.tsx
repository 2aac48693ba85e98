'use client';

import { useMemo } from 'react';
import type { RecoveryWindowView, RestorePlanView } from '@/server/contracts/recovery';
import { SelectField, TextField } from '@/components/ui/field';
import { axisModel, type AxisModel } from './axis-model';
import { PlanStatus } from './plan-status';
import { RadioChoice } from './radio-choice';
import { StopAtTargetFields } from './stop-at-target-fields';
import { TargetAxis } from './target-axis';
import {
  convertTimeText,
  formatZoned,
  kindLabels,
  zoneName,
  type KindChoice,
  type Zone,
} from './target-text';
import { targetOf, type WizardState } from './wizard-state';
import { WindowInWords } from './window-in-words';

export type LivePlan = { data?: RestorePlanView; error: unknown; settling: boolean; current: boolean };

type Props = {
  recovery: RecoveryWindowView;
  state: WizardState;
  set: (patch: Partial<WizardState>) => void;
  plan: LivePlan;
  restorePoints: string[];
};

const kindOptions: { value: KindChoice; label: string }[] = [
  { value: 'auto', label: 'what I type (detected)' },
  ...(['time', 'xid', 'lsn', 'name', 'immediate', 'latest'] as const).map((k) => ({
    value: k,
    label: kindLabels[k],
  })),
];

/** The timeline whose window is drawn: the one asked for, or the newest. */
export function shownTimeline(
  recovery: RecoveryWindowView,
  state: WizardState,
  plan: LivePlan,
): number | null {
  if (/^\d+$/.test(state.timeline)) return Number(state.timeline);
  if (state.timeline === 'current' && plan.data?.backup) return plan.data.backup.timeline;
  return recovery.latestTimeline;
}

function selectedTime(
  model: AxisModel | null,
  state: WizardState,
  plan: LivePlan,
  restorePoints: string[],
): number | null {
  const target = targetOf(state, restorePoints);
  if (!target.ok || !model) return null;
  switch (target.target.kind) {
    case 'time':
      return Date.parse(target.target.time);
    case 'name': {
      const name = target.target.name;
      return model.restorePoints.find((p) => p.name === name)?.at ?? null;
    }
    case 'latest':
      return model.ranges.at(-1)?.to ?? null;
    case 'immediate':
      return plan.data?.ok && plan.data.backup ? Date.parse(plan.data.backup.endTime) : null;
    default:
      return null;
  }
}

/** Step 2: the target, on the axis or typed, checked against the plan API as it changes. */
export function TargetStep({ recovery, state, set, plan, restorePoints }: Props) {
  const timeline = shownTimeline(recovery, state, plan);
  const window = recovery.timelines.find((t) => t.timeline === timeline) ?? null;
  const model = useMemo(() => (window ? axisModel(window) : null), [window]);
  const target = targetOf(state, restorePoints);
  const setZone = (zone: Zone) =>
    set({ zone, targetText: convertTimeText(state.targetText, state.zone, zone) });
  const timelines = [
    { value: 'latest', label: `latest (${recovery.latestTimeline ?? 'none yet'})` },
    { value: 'current', label: 'current (the backup’s own)' },
    ...recovery.timelines.map((t) => ({ value: String(t.timeline), label: `timeline ${t.timeline}` })),
  ];
  const other =
    target.ok && target.target.kind === 'time' ? inOtherZone(target.target.time, state.zone) : null;
  const reading = target.ok ? `Read as ${target.reading}${other ? ` (${other})` : ''}.` : undefined;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end gap-6">
        <RadioChoice
          legend="Times in"
          value={state.zone}
          onChange={setZone}
          options={[
            { value: 'local', label: `local (${zoneName('local')})` },
            { value: 'utc', label: 'UTC' },
          ]}
        />
        <SelectField
          className="min-w-56"
          label="Timeline"
          help="recovery_target_timeline"
          options={timelines}
          value={state.timeline}
          onChange={(e) => set({ timeline: e.target.value })}
        />
      </div>
      {model ? (
        <TargetAxis
          key={model.timeline}
          model={model}
          zone={state.zone}
          selected={selectedTime(model, state, plan, restorePoints)}
          onPick={(at, precise) =>
            set({ kindChoice: 'auto', targetText: formatZoned(at, state.zone, precise) })
          }
        />
      ) : (
        <p className="rounded-md border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          {timeline === null
            ? 'Nothing is in the archive yet.'
            : `Timeline ${timeline} has nothing recoverable to draw: no usable backup or no WAL indexed on it.`}{' '}
          You can still type a target; the plan below says what is reachable.
        </p>
      )}
      {window ? (
        <WindowInWords
          window={window}
          zone={state.zone}
          onPickPoint={(name) => set({ kindChoice: 'auto', targetText: name })}
        />
      ) : null}
      <div className="grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <TextField
          label="Recovery target"
          placeholder="2026-12-06 14:05:03, 1234 (xid), 0/3000060 (LSN), a restore point, immediate or latest"
          value={state.targetText}
          onChange={(e) => set({ targetText: e.target.value })}
          errors={target.ok ? undefined : [target.message]}
          help={reading}
          autoComplete="off"
          spellCheck={false}
        />
        <SelectField
          label="Read the target as"
          options={kindOptions}
          value={state.kindChoice}
          onChange={(e) => set({ kindChoice: e.target.value as KindChoice })}
        />
      </div>
      <div className="flex flex-wrap gap-6">
        <StopAtTargetFields state={state} set={set} />
      </div>
      {target.ok ? <PlanStatus plan={plan} zone={state.zone} label="Target check" /> : null}
    </div>
  );
}

/** The same moment in the other zone, so local and UTC are both in view (null when they are the same zone). */
function inOtherZone(iso: string, zone: Zone): string | null {
  const other: Zone = zone === 'utc' ? 'local' : 'utc';
  if (zoneName(other) === zoneName(zone)) return null;
  return `${formatZoned(Date.parse(iso), other, true)} ${zoneName(other)}`;
}
