'use client';

import type { RestorePlanView, StartRestoreInput } from '@/server/contracts/recovery';
import { CopyButton } from '@/components/ui/copy-button';
import { Bytes } from '@/components/ui/values';
import { ZonedTime } from './zoned-time';
import { cliCommand, curlCommand } from './equivalent-call';
import type { WizardState } from './wizard-state';

type Props = {
  server: string;
  origin: string;
  plan: RestorePlanView;
  body: StartRestoreInput;
  state: WizardState;
};

const actionWords = {
  pause: 'pauses there (inspect, then promote with pg_wal_replay_resume())',
  promote: 'promotes and opens for writes',
  shutdown: 'shuts down',
} as const;

/** Step 6: the restore in words, its recovery settings, and the same request for curl and the CLI. */
export function ReviewStep({ server, origin, plan, body, state }: Props) {
  const backup = plan.backup;
  const dest = body.destination;
  const tablespaces = Object.entries(body.tablespaces ?? {});
  return (
    <div className="space-y-5">
      <section
        aria-label="The restore in words"
        className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4 text-sm leading-relaxed dark:border-zinc-800 dark:bg-zinc-950"
      >
        <p>
          Restore backup <strong className="font-mono">{backup?.backupId}</strong>
          {backup?.name ? ` '${backup.name}'` : ''} of <strong>{server}</strong> (consistent at{' '}
          <code className="font-mono">{backup?.endLsn}</code>,{' '}
          <ZonedTime iso={backup?.endTime} zone={state.zone} />, timeline {backup?.timeline}) into{' '}
          <code className="font-mono font-semibold">{dest.path}</code>{' '}
          {dest.kind === 'local' ? (
            'on the Cellar host'
          ) : (
            <>
              on <code className="font-mono">{dest.target}</code> over SSH
              {state.sshVerified ? (
                <>
                  {' '}
                  (host key <code className="font-mono">{state.sshVerified.fingerprint}</code>)
                </>
              ) : null}
              , {body.channels ?? 4} SFTP channels
            </>
          )}
          .
        </p>
        {plan.wal ? (
          <p>
            Replay {plan.wal.segments.toLocaleString('en')} WAL segment{plan.wal.segments === 1 ? '' : 's'} (
            <Bytes value={plan.wal.bytes} />, <code className="font-mono text-xs">{plan.wal.first}</code> to{' '}
            <code className="font-mono text-xs">{plan.wal.last}</code>),{' '}
            {body.walMode === 'get-wal' ? (
              <>
                fetched from Cellar at {body.getWal?.url} with the token in {body.getWal?.tokenFile}
              </>
            ) : (
              'copied into cellar_wal/ in the data directory'
            )}
            .
          </p>
        ) : null}
        <p>
          Recovery follows timeline {plan.timeline.resolved}, stops at{' '}
          {plan.stop?.description ?? 'the end of the archive'}
          {['time', 'xid', 'lsn'].includes(body.target.kind)
            ? body.inclusive === false
              ? ' (just before the target)'
              : ' (just after the target)'
            : ''}
          , then {body.target.kind === 'latest' ? 'promotes' : actionWords[body.action ?? 'pause']}
          {body.standby ? '; it starts as a standby (standby.signal)' : ''}.
        </p>
        <p>
          {tablespaces.length
            ? `Tablespaces go to ${tablespaces.map(([oid, to]) => `${oid} → ${to}`).join(', ')}; any other to its original location. `
            : 'Tablespaces, if any, go to their original locations. '}
          {body.overwrite ? (
            <strong className="text-red-700 dark:text-red-300">
              A non-empty destination is emptied first.{' '}
            </strong>
          ) : (
            'A non-empty destination is refused. '
          )}
          {body.keepArchiveCommand
            ? 'archive_command is kept: the copy will archive WAL like the original.'
            : "archive_command is set to 'false', so the copy cannot write into the original's archive."}
        </p>
        {plan.messages.map((m) => (
          <p key={m} className="text-amber-800 dark:text-amber-300">
            {m}
          </p>
        ))}
      </section>
      <section aria-label="Recovery settings" className="text-sm">
        <h3 className="mb-1 font-semibold">Appended to postgresql.auto.conf</h3>
        <pre className="overflow-x-auto rounded-md bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-900">
          {settingLines(server, body, plan.recoverySettings).join('\n')}
        </pre>
      </section>
      <Command
        title="The same request with curl"
        text={curlCommand(origin, server, body)}
        note="CELLAR_TOKEN: an operator's API token (Settings → API tokens)."
      />
      <Command
        title="The same restore with the cellar command line"
        text={cliCommand(origin, server, body)}
        note="The token comes from CELLAR_TOKEN_FILE or CELLAR_TOKEN; add --dry-run to see the plan only."
      />
    </div>
  );
}

function Command({ title, text, note }: { title: string; text: string; note: string }) {
  return (
    <section aria-label={title} className="text-sm">
      <div className="mb-1 flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold">{title}</h3>
        <CopyButton text={text} label={`Copy`} />
      </div>
      <pre className="rounded-md bg-zinc-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-zinc-100 dark:bg-black">
        {text}
      </pre>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{note}</p>
    </section>
  );
}

/** What the restore appends to postgresql.auto.conf, as it will read (restore.run writes the same). */
function settingLines(server: string, body: StartRestoreInput, settings: Record<string, string>): string[] {
  const dir = body.destination.path;
  const quote = (v: string) => `'${v.replaceAll("'", "''")}'`;
  const wal: Record<string, string> =
    body.walMode === 'get-wal'
      ? {
          restore_command: `node ${dir}/cellar_bin/cellar-wal-restore.mjs --url ${body.getWal?.url ?? ''} --server ${server} --token-file ${body.getWal?.tokenFile ?? ''} --prefetch 4 %f %p`,
        }
      : { restore_command: `cp ${dir}/cellar_wal/%f %p`, recovery_end_command: `rm -fr ${dir}/cellar_wal` };
  const all: Record<string, string> = {
    ...wal,
    ...settings,
    ...(body.keepArchiveCommand ? {} : { archive_command: 'false' }),
  };
  return Object.entries(all).map(([k, v]) => `${k} = ${quote(v)}`);
}
