'use client';

import { useBackup } from '@/components/api/use-backups';
import { ErrorNotice, Loading } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';
import { Table, Td, Th, rowClass } from '@/components/ui/table';
import { Bytes } from '@/components/ui/values';
import { RadioChoice } from './radio-choice';
import { SshTest } from './ssh-test';
import type { FieldProblems, WizardState } from './wizard-state';

type Props = {
  server: string;
  backupId: string | null;
  state: WizardState;
  set: (patch: Partial<WizardState>) => void;
  problems: FieldProblems;
  canTest: boolean;
};

const sshTargetPattern = /^[A-Za-z0-9._-]+@(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9._-]+)(:\d{1,5})?$/;

/** Step 4: where the data directory goes (this host or another over SSH) and where tablespaces go. */
export function DestinationStep({ server, backupId, state, set, problems, canTest }: Props) {
  const ssh = state.destKind === 'ssh';
  return (
    <div className="space-y-5">
      <RadioChoice
        legend="Restore to"
        columns
        value={state.destKind}
        onChange={(destKind) => set({ destKind })}
        options={[
          {
            value: 'local',
            label: 'A directory on the Cellar host',
            help: 'Written by a Cellar worker; the restored server is started there.',
          },
          {
            value: 'ssh',
            label: 'Another host, over SSH',
            help: 'SFTP with the server’s stored SSH key or password; the host key is checked first.',
          },
        ]}
      />
      {ssh ? (
        <TextField
          label="SSH destination"
          required
          placeholder="postgres@db2:22"
          help="user@host or user@host:port; the user should own the data directory (usually postgres)."
          value={state.sshTarget}
          onChange={(e) => set({ sshTarget: e.target.value })}
          errors={problems.sshTarget}
          autoComplete="off"
        />
      ) : null}
      <TextField
        label="Data directory"
        required
        placeholder={ssh ? '/var/lib/postgresql/15/main' : '/srv/restore/db1'}
        help="An absolute path. It must be empty or missing, unless you ask to overwrite it (Options)."
        value={state.path}
        onChange={(e) => set({ path: e.target.value })}
        errors={problems.path}
        autoComplete="off"
        spellCheck={false}
      />
      {ssh ? (
        <div className="space-y-2">
          {canTest ? (
            <SshTest
              server={server}
              target={state.sshTarget.trim()}
              path={state.path.trim()}
              ready={sshTargetPattern.test(state.sshTarget.trim())}
              onVerified={(sshVerified) => set({ sshVerified })}
            />
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Testing the connection logs in with the server’s stored credentials: operators only.
            </p>
          )}
        </div>
      ) : null}
      {backupId ? (
        <TablespaceMap
          server={server}
          backupId={backupId}
          state={state}
          set={set}
          errors={problems.tablespaces}
        />
      ) : null}
    </div>
  );
}

function TablespaceMap({
  server,
  backupId,
  state,
  set,
  errors,
}: {
  server: string;
  backupId: string;
  state: WizardState;
  set: Props['set'];
  errors?: string[];
}) {
  const backup = useBackup(server, backupId);
  if (backup.isPending) return <Loading label="Reading the backup’s tablespaces…" />;
  if (backup.error)
    return (
      <ErrorNotice
        title="The backup’s tablespaces could not be read."
        error={backup.error}
        onRetry={() => void backup.refetch()}
      />
    );
  const tablespaces = backup.data.tablespaces;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Tablespaces of backup {backupId}</legend>
      {tablespaces.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          None besides pg_default and pg_global, which go into the data directory.
        </p>
      ) : (
        <Table>
          <caption className="sr-only">Where each tablespace is restored</caption>
          <thead>
            <tr>
              <Th>Tablespace</Th>
              <Th>OID</Th>
              <Th>Original location</Th>
              <Th className="text-right">Size</Th>
              <Th>Restore to (empty: the original location)</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {tablespaces.map((t) => (
              <tr key={t.oid} className={rowClass}>
                <Td>{t.name ?? '—'}</Td>
                <Td className="font-mono">{t.oid}</Td>
                <Td className="font-mono break-all">{t.location}</Td>
                <Td className="text-right whitespace-nowrap">
                  <Bytes value={t.size} />
                </Td>
                <Td>
                  <input
                    aria-label={`New location of tablespace ${t.name ?? t.oid}`}
                    className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-600 dark:bg-zinc-900"
                    placeholder={t.location}
                    value={state.tablespaces[String(t.oid)] ?? ''}
                    onChange={(e) =>
                      set({ tablespaces: { ...state.tablespaces, [String(t.oid)]: e.target.value } })
                    }
                  />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {errors?.length ? (
        <p className="text-sm font-medium text-red-700 dark:text-red-400">{errors.join(' ')}</p>
      ) : null}
    </fieldset>
  );
}
