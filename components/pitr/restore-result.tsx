'use client';

import { useState } from 'react';
import type { RestoreReportView, StartRestoreData } from '@/server/contracts/recovery';
import { isRunActive, useRun } from '@/components/api/use-runs';
import { useVerifyTarget } from '@/components/api/use-pitr';
import { useCan } from '@/components/auth/roles';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Fact, FactGroup } from '@/components/ui/facts';
import { ErrorNotice } from '@/components/ui/feedback';
import { Bytes, Duration } from '@/components/ui/values';
import { RunProgress } from './run-progress';

const verifyPhases = [
  'plan',
  'connect',
  'restore files',
  'wal',
  'recovery settings',
  'start postgres',
  'recovery',
  'check databases',
] as const;

type VerifyReport = {
  ok: boolean;
  backupId: string;
  durationMs: number;
  databases: { database: string; ok: boolean; relations: number; detail: string | null }[];
};

/** What was restored and how to start it; then "verify by starting it" for the same backup and target. */
export function RestoreResult({
  server,
  report,
  request,
}: {
  server: string;
  report: RestoreReportView;
  request: StartRestoreData;
}) {
  return (
    <div className="space-y-4">
      <FactGroup title="Restored" columns={2}>
        <Fact label="Backup">
          <code className="font-mono">{report.backupId}</code>
        </Fact>
        <Fact label="Destination">
          <code className="font-mono break-all">{report.destination}</code>
        </Fact>
        <Fact label="Data files">
          {report.files.toLocaleString('en')} files, <Bytes value={report.bytes} />
        </Fact>
        <Fact label="WAL copied">
          {report.walFiles.toLocaleString('en')} segments, <Bytes value={report.walBytes} />
        </Fact>
        <Fact label="Took">
          <Duration ms={report.durationMs} />
        </Fact>
        <Fact label="Signal file">
          {report.signalFile}
          {report.archiveCommandDisabled ? "; archive_command = 'false'" : '; archive_command kept'}
        </Fact>
      </FactGroup>
      <section aria-label="How to start it" className="space-y-2 text-sm">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="font-semibold">Start the restored server</h3>
          <CopyButton text={report.startCommand} label="Copy" />
        </div>
        <pre className="rounded-md bg-zinc-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-zinc-100 dark:bg-black">
          {report.startCommand}
        </pre>
        <ul className="list-disc space-y-1 pl-5">
          {report.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
        <details>
          <summary className="cursor-pointer font-medium">Recovery settings written</summary>
          <pre className="mt-1 overflow-x-auto rounded-md bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-900">
            {Object.entries(report.recoverySettings)
              .map(([k, v]) => `${k} = '${v}'`)
              .join('\n')}
          </pre>
        </details>
      </section>
      <VerifyByStarting server={server} backupId={report.backupId} request={request} />
    </div>
  );
}

function VerifyByStarting({
  server,
  backupId,
  request,
}: {
  server: string;
  backupId: string;
  request: StartRestoreData;
}) {
  const canVerify = useCan('operator');
  const verify = useVerifyTarget(server);
  const [runId, setRunId] = useState<string | null>(null);
  const run = useRun(runId);
  if (!canVerify) return null;
  const start = () =>
    verify.mutate(
      { backup: backupId, target: request.target, timeline: request.timeline, inclusive: request.inclusive },
      { onSuccess: (r) => setRunId(r.id) },
    );
  const report = run.data?.status === 'succeeded' ? (run.data.result as VerifyReport | null) : null;
  return (
    <section
      aria-label="Verify by starting it"
      className="space-y-2 rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800"
    >
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={start} busy={verify.isPending || (run.data ? isRunActive(run.data) : false)}>
          Verify by starting it
        </Button>
        <p className="text-zinc-600 dark:text-zinc-400">
          Cellar restores the same backup to the same target in a scratch directory, starts PostgreSQL on it,
          waits for recovery to end and checks every database. Your restored directory is not touched.
        </p>
      </div>
      {verify.error ? <ErrorNotice title="The verification was not started." error={verify.error} /> : null}
      {run.data ? <RunProgress run={run.data} title="Verification" phases={verifyPhases} /> : null}
      {report ? (
        <p
          role="status"
          className={
            report.ok
              ? 'font-medium text-green-800 dark:text-green-300'
              : 'font-medium text-red-800 dark:text-red-300'
          }
        >
          {report.ok ? 'Verified: ' : 'Not verified: '}backup {report.backupId} restored to the target,
          PostgreSQL started and recovered in <Duration ms={report.durationMs} />;{' '}
          {report.databases
            .map((d) => `${d.database} (${d.relations} relations${d.ok ? '' : `: ${d.detail ?? 'failed'}`})`)
            .join(', ')}
          .
        </p>
      ) : null}
    </section>
  );
}
