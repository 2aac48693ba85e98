import { z } from 'zod';
import {
  planRestoreInput,
  startRestoreInput,
  startRestoreVerifyInput,
  type RecoveryWindowView,
  type RestorePlanView,
  type RestoreReportView,
} from '../../contracts/recovery';
import type { RunView } from '../../contracts/runs';
import { serverNameSchema } from '../../contracts/servers';
import { apiPath, CliError } from '../api-client';
import { argument, requirePositionals, stringOption, type Command, type OptionValues } from '../command';
import { bytes, duration, table, time } from '../output';
import { runOutcome, waitForRun } from '../wait-for-run';

// Barman's restore (recover) with its target options, plus what Barman cannot do: a dry run that
// says whether the target is reachable, the recoverable window, and a restore that proves itself.

const targetOptions = {
  'target-time': { type: 'string' },
  'target-xid': { type: 'string' },
  'target-lsn': { type: 'string' },
  'target-name': { type: 'string' },
  'target-immediate': { type: 'boolean' },
  'target-tli': { type: 'string' },
  exclusive: { type: 'boolean' },
  'target-action': { type: 'string' },
} as const;

/** Barman's target options as the API's target; more than one is an error, as in Barman. */
function targetFrom(o: OptionValues) {
  const given = [
    o['target-time'] !== undefined && { kind: 'time', time: o['target-time'] },
    o['target-xid'] !== undefined && { kind: 'xid', xid: o['target-xid'] },
    o['target-lsn'] !== undefined && { kind: 'lsn', lsn: o['target-lsn'] },
    o['target-name'] !== undefined && { kind: 'name', name: o['target-name'] },
    o['target-immediate'] === true && { kind: 'immediate' },
  ].filter(Boolean);
  if (given.length > 1)
    throw new CliError(
      'Give at most one of --target-time, --target-xid, --target-lsn, --target-name and --target-immediate.',
      2,
    );
  const tli = stringOption(o, 'target-tli');
  return {
    target: given[0] ?? { kind: 'latest' },
    ...(tli === undefined ? {} : { timeline: /^\d+$/.test(tli) ? Number(tli) : tli }),
    ...(o.exclusive ? { inclusive: false } : {}),
    ...(o['target-action'] === undefined ? {} : { action: o['target-action'] }),
  };
}

/** `ssh user@host` or `ssh -p PORT user@host`, Barman's --remote-ssh-command, as user@host[:port]. */
export function sshTargetFrom(command: string): string {
  const match = /^ssh\s+(?:-p\s*(\d{1,5})\s+)?([A-Za-z0-9._-]+@[A-Za-z0-9._-]+)$/.exec(command.trim());
  if (!match)
    throw new CliError(
      `--remote-ssh-command takes the form "ssh user@host" or "ssh -p PORT user@host"; got "${command}".`,
      2,
    );
  return match[1] ? `${match[2]}:${match[1]}` : (match[2] ?? '');
}

function tablespacesFrom(values: string[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.indexOf(':');
    if (at < 1) throw new CliError(`--tablespace takes NAME:LOCATION; got "${value}".`, 2);
    map[value.slice(0, at)] = value.slice(at + 1);
  }
  return map;
}

function renderPlan(plan: RestorePlanView): string {
  const lines = [
    `Plan for server ${plan.serverName}: ${plan.ok ? 'the target is reachable' : 'the target is NOT reachable'}`,
  ];
  if (plan.backup)
    lines.push(
      `  Base backup : ${plan.backup.backupId}${plan.backup.name ? ` '${plan.backup.name}'` : ''} (timeline ${plan.backup.timeline}, ends ${plan.backup.endLsn} at ${time(plan.backup.endTime)}): ${plan.backup.reason}`,
    );
  if (plan.timeline.resolved !== null) lines.push(`  Timeline    : ${plan.timeline.resolved}`);
  if (plan.stop) lines.push(`  Stops       : ${plan.stop.description}`);
  if (plan.wal)
    lines.push(
      `  WAL         : ${plan.wal.segments} segments, ${plan.wal.first} to ${plan.wal.last} (${bytes(plan.wal.bytes)})`,
    );
  for (const [key, value] of Object.entries(plan.recoverySettings)) lines.push(`  ${key} = ${value}`);
  for (const message of plan.messages) lines.push(`  ${message}`);
  for (const problem of plan.problems) lines.push(`  Problem: ${problem.message}`);
  if (plan.reachable.length) lines.push('  Reachable instead:', ...plan.reachable.map((r) => `    ${r}`));
  return lines.join('\n');
}

const restore: Command = {
  name: 'restore',
  aliases: ['recover'],
  summary:
    'Restore a backup (or auto) to a directory, locally or over SSH, optionally to a PITR target; --dry-run only plans.',
  usage:
    'SERVER BACKUP|auto DESTINATION_DIR [--target-time T|--target-xid X|--target-lsn L|--target-name N|--target-immediate] [--target-tli N|current|latest] [--exclusive] [--target-action pause|promote|shutdown] [--remote-ssh-command "ssh user@host" [--ssh-host-key SHA256:…]] [--tablespace NAME:LOCATION]... [--get-wal --get-wal-url URL --get-wal-token-file FILE] [--standby-mode] [--keep-archive-command] [--overwrite] [--jobs N] [--dry-run] [--no-wait]',
  options: {
    ...targetOptions,
    'remote-ssh-command': { type: 'string' },
    'ssh-host-key': { type: 'string' },
    tablespace: { type: 'string', multiple: true },
    'get-wal': { type: 'boolean' },
    'get-wal-url': { type: 'string' },
    'get-wal-token-file': { type: 'string' },
    'standby-mode': { type: 'boolean' },
    'keep-archive-command': { type: 'boolean' },
    overwrite: { type: 'boolean' },
    jobs: { type: 'string', short: 'j' },
    'dry-run': { type: 'boolean' },
    'no-wait': { type: 'boolean' },
  },
  async run(ctx) {
    requirePositionals(ctx, 3, 'cellar restore SERVER BACKUP|auto DESTINATION_DIR');
    const [serverArg, backup, path] = ctx.positionals;
    const server = argument(serverNameSchema, serverArg, 'server name');
    const o = ctx.options;
    const planBody = argument(planRestoreInput, { backup, ...targetFrom(o) }, 'restore target');
    const plan = await ctx.api.send<RestorePlanView>(
      'POST',
      apiPath('servers', server, 'recovery', 'plan'),
      planBody,
    );
    if (o['dry-run'] || !plan.ok) {
      ctx.out.emit(plan, () => renderPlan(plan));
      return plan.ok ? 0 : 1;
    }
    const remote = stringOption(o, 'remote-ssh-command');
    if (remote === undefined && o['ssh-host-key'] !== undefined)
      throw new CliError('--ssh-host-key goes with --remote-ssh-command: it is the fingerprint of the SSH destination.', 2);
    const jobs = stringOption(o, 'jobs');
    const body = argument(
      startRestoreInput,
      {
        ...planBody,
        destination:
          remote === undefined
            ? { kind: 'local', path }
            : { kind: 'ssh', target: sshTargetFrom(remote), path, hostKey: stringOption(o, 'ssh-host-key') },
        tablespaces: tablespacesFrom(o.tablespace as string[] | undefined),
        ...(o['get-wal']
          ? {
              walMode: 'get-wal',
              getWal: {
                url: stringOption(o, 'get-wal-url'),
                tokenFile: stringOption(o, 'get-wal-token-file'),
              },
            }
          : {}),
        standby: o['standby-mode'] === true,
        keepArchiveCommand: o['keep-archive-command'] === true,
        overwrite: o.overwrite === true,
        ...(jobs === undefined ? {} : { channels: Number(jobs) }),
      },
      'restore request',
    );
    ctx.progress(renderPlan(plan));
    const { run } = await ctx.api.send<{ run: RunView }>(
      'POST',
      apiPath('servers', server, 'restores'),
      body,
    );
    if (o['no-wait']) {
      ctx.out.emit(run, () => `Restoring server ${server}: run ${run.id}`);
      return 0;
    }
    const done = await waitForRun(ctx, run);
    const report = done.result as RestoreReportView | null;
    ctx.out.emit(done, () =>
      done.status === 'succeeded' && report ? renderReport(report) : runOutcome(done).text,
    );
    return runOutcome(done).exitCode;
  },
};

function renderReport(r: RestoreReportView): string {
  return [
    `Restored backup ${r.backupId} to ${r.destination}: ${r.files} files, ${bytes(r.bytes)}, ${r.walFiles} WAL files (${bytes(r.walBytes)}) in ${duration(r.durationMs)}`,
    `${r.signalFile} written${r.archiveCommandDisabled ? '; archive_command disabled' : ''}`,
    ...Object.entries(r.recoverySettings).map(([k, v]) => `  ${k} = ${v}`),
    ...r.notes,
    `Start it with: ${r.startCommand}`,
  ].join('\n');
}

const recoveryWindow: Command = {
  name: 'recovery-window',
  summary: 'What a restore can reach: per timeline, the ranges from each backup, gaps and restore points.',
  usage: 'SERVER [--timeline N]',
  options: { timeline: { type: 'string' } },
  async run(ctx) {
    requirePositionals(ctx, 1, 'cellar recovery-window SERVER');
    const server = argument(serverNameSchema, ctx.positionals[0], 'server name');
    const tl = stringOption(ctx.options, 'timeline');
    const timeline =
      tl === undefined ? undefined : argument(z.number().int().min(1), Number(tl), '--timeline');
    const view = await ctx.api.get<RecoveryWindowView>(apiPath('servers', server, 'recovery', 'window'), {
      timeline,
    });
    ctx.out.emit(
      view,
      () =>
        view.timelines
          .map((t) =>
            [
              `Timeline ${t.timeline}:`,
              table(
                ['from backup', 'earliest time', 'latest time', 'earliest LSN', 'latest LSN'],
                t.ranges.map((r) => [
                  r.backupId,
                  time(r.earliestTime),
                  time(r.latestTime),
                  r.earliestLsn,
                  r.latestLsn,
                ]),
              ),
              ...t.gaps.map((g) => `  gap: ${g.from}..${g.to} (${g.missing} missing)`),
              ...t.restorePoints.map(
                (p) =>
                  `  restore point '${p.name}' at ${p.lsn} (${time(p.time)})${p.reachable ? '' : ' - not reachable'}`,
              ),
            ].join('\n'),
          )
          .join('\n\n') || `Server ${server} has nothing to restore yet.`,
    );
    return 0;
  },
};

const verifyRestore: Command = {
  name: 'verify-restore',
  summary:
    'Prove a backup restores: restore it into scratch space, start PostgreSQL on it, check every database.',
  usage: 'SERVER [BACKUP] [--no-amcheck] [--no-wait]',
  options: { 'no-amcheck': { type: 'boolean' }, 'no-wait': { type: 'boolean' } },
  async run(ctx) {
    requirePositionals(ctx, 1, 'cellar verify-restore SERVER [BACKUP]');
    const server = argument(serverNameSchema, ctx.positionals[0], 'server name');
    const body = argument(
      startRestoreVerifyInput,
      {
        ...(ctx.positionals[1] ? { backup: ctx.positionals[1] } : {}),
        amcheck: ctx.options['no-amcheck'] !== true,
      },
      'verification request',
    );
    const { run } = await ctx.api.send<{ run: RunView }>(
      'POST',
      apiPath('servers', server, 'restore-verifications'),
      body,
    );
    if (ctx.options['no-wait']) {
      ctx.out.emit(run, () => `Verifying a restore of server ${server}: run ${run.id}`);
      return 0;
    }
    const done = await waitForRun(ctx, run);
    ctx.out.emit(done, () => runOutcome(done).text);
    return runOutcome(done).exitCode;
  },
};

export const recoveryCommands = [restore, recoveryWindow, verifyRestore];
