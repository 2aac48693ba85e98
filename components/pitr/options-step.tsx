import { CheckboxField, TextField } from '@/components/ui/field';
import { RadioChoice } from './radio-choice';
import { StopAtTargetFields } from './stop-at-target-fields';
import type { FieldProblems, WizardState } from './wizard-state';

type Props = { state: WizardState; set: (patch: Partial<WizardState>) => void; problems: FieldProblems };

/** Step 5: how the restored server recovers (WAL source, standby, target action) and how the copy runs. */
export function OptionsStep({ state, set, problems }: Props) {
  return (
    <div className="space-y-5">
      <RadioChoice
        legend="WAL for recovery"
        columns
        value={state.walMode}
        onChange={(walMode) => set({ walMode })}
        options={[
          {
            value: 'copy',
            label: 'Copy it into the destination',
            help: 'The segments up to the target go to cellar_wal/; restore_command is cp. Self-contained.',
          },
          {
            value: 'get-wal',
            label: 'Fetch it from Cellar (get-wal)',
            help: 'cellar-wal-restore fetches each segment from Cellar over HTTP with a WAL token: less to copy, needs Cellar reachable.',
          },
        ]}
      />
      {state.walMode === 'get-wal' ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Cellar's URL, as the restored host reaches it"
            required
            value={state.getWalUrl}
            onChange={(e) => set({ getWalUrl: e.target.value })}
            errors={problems.getWalUrl}
            placeholder="https://cellar.example.com:7480"
          />
          <TextField
            label="WAL token file on the restored host"
            required
            value={state.getWalTokenFile}
            onChange={(e) => set({ getWalTokenFile: e.target.value })}
            errors={problems.getWalTokenFile}
            placeholder="/etc/cellar/db1.token"
            help="A WAL archive token of this server (Settings → API tokens), readable by postgres."
          />
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <StopAtTargetFields state={state} set={set} />
        <CheckboxField
          label="Standby mode"
          help="standby.signal instead of recovery.signal: the copy keeps replaying WAL as a standby."
          checked={state.standby}
          onChange={(e) => set({ standby: e.target.checked })}
        />
        <CheckboxField
          label="Keep archive_command"
          help="Off (the default, as Barman): archive_command = 'false', so the copy cannot write into the original's archive."
          checked={state.keepArchiveCommand}
          onChange={(e) => set({ keepArchiveCommand: e.target.checked })}
        />
        <CheckboxField
          label="Overwrite a non-empty destination"
          help="Empties the data directory (and tablespace locations) first. Without it a non-empty directory is refused."
          checked={state.overwrite}
          onChange={(e) => set({ overwrite: e.target.checked })}
        />
        {state.destKind === 'ssh' ? (
          <TextField
            label="Parallel SFTP channels"
            type="number"
            min={1}
            max={16}
            value={state.channels}
            onChange={(e) => set({ channels: Math.min(16, Math.max(1, Number(e.target.value) || 1)) })}
            help="1 to 16 channels on one SSH connection."
          />
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Parallelism: a local restore decompresses on every core of the worker; SFTP channels apply to SSH
            destinations.
          </p>
        )}
      </div>
    </div>
  );
}
