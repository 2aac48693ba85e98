import type { CheckReportView } from '../../checks/check-report-view';
import type { RunView } from '../../contracts/runs';
import { serverNameSchema, type ServerView } from '../../contracts/servers';
import { apiPath } from '../api-client';
import { argument, requirePositionals, type Command } from '../command';
import { facts, time } from '../output';
import { runOutcome, waitForRun } from '../wait-for-run';

const listServers: Command = {
  name: 'list-servers',
  aliases: ['list-server'],
  summary: 'List the servers under Cellar’s care.',
  usage: '[--minimal]',
  options: { minimal: { type: 'boolean' } },
  async run({ api, out, options }) {
    const { servers } = await api.get<{ servers: ServerView[] }>('/api/servers');
    out.emit(servers, () =>
      servers
        .map((s) =>
          options.minimal
            ? s.name
            : `${s.name} - ${s.description || '(no description)'}${s.enabled ? '' : ' (WARNING: disabled)'}`,
        )
        .join('\n'),
    );
    return 0;
  },
};

const showServer: Command = {
  name: 'show-server',
  aliases: ['show-servers'],
  summary: 'Show a server’s settings (secrets only as set / not set).',
  usage: 'SERVER',
  async run(ctx) {
    requirePositionals(ctx, 1, 'cellar show-server SERVER');
    const name = argument(serverNameSchema, ctx.positionals[0], 'server name');
    const s = await ctx.api.get<ServerView>(apiPath('servers', name));
    const set = (flag: boolean) => (flag ? 'set' : 'not set');
    ctx.out.emit(s, () =>
      facts([
        [
          `Server ${s.name}`,
          [
            ['description', s.description],
            ['active', String(s.enabled)],
            ['conninfo', s.conninfo],
            ['password', set(s.hasPassword)],
            ['streaming_conninfo', s.streamingConninfo],
            ['ssh_target', s.sshTarget],
            ['backup_method', s.backupMethod],
            [
              'compression',
              s.compressionLevel === null ? s.compression : `${s.compression} (level ${s.compressionLevel})`,
            ],
            ['wal_compression', s.walCompression],
            ['reuse_backup', s.reuseBackup ? 'link' : 'off'],
            ['retention_policy', s.retentionPolicy],
            ['minimum_redundancy', s.minimumRedundancy],
            ['last_backup_maximum_age', s.lastBackupMaximumAge],
            ['last_backup_minimum_size', s.lastBackupMinimumSize],
            ['last_wal_maximum_age', s.lastWalMaximumAge],
            ['streaming_archiver', String(s.streamingArchiver)],
            ['archiver (push)', String(s.pushArchiver)],
            ['slot_name', s.slotName],
            ['create_slot', s.createSlot ? 'auto' : 'manual'],
            ['systemid', s.systemId],
            ['PostgreSQL version', s.pgVersion],
            ['created', time(s.createdAt)],
          ],
        ],
      ]),
    );
    return 0;
  },
};

const check: Command = {
  name: 'check',
  summary: 'Run Barman’s checks on servers now; exit 1 (or 2 with --nagios) when one fails.',
  usage: 'SERVER... [--nagios]',
  options: { nagios: { type: 'boolean' } },
  async run(ctx) {
    requirePositionals(ctx, 1, 'cellar check SERVER... [--nagios]');
    const names = ctx.positionals.map((p) => argument(serverNameSchema, p, 'server name'));
    let exitCode = 0;
    const reports: { server: string; report: CheckReportView | null; run: RunView }[] = [];
    for (const name of names) {
      const { run } = await ctx.api.send<{ run: RunView }>('POST', apiPath('servers', name, 'check'));
      const done = await waitForRun(ctx, run, 500);
      if (done.status !== 'succeeded') {
        exitCode = Math.max(exitCode, ctx.options.nagios ? 3 : runOutcome(done).exitCode);
        ctx.out.line(runOutcome(done).text);
        reports.push({ server: name, report: null, run: done });
        continue;
      }
      if (ctx.options.nagios) {
        const { text, headers } = await ctx.api.text(apiPath('servers', name, 'checks', 'nagios'));
        ctx.out.line(text.trimEnd());
        exitCode = Math.max(exitCode, Number(headers.get('x-nagios-exit-code') ?? 3));
        continue;
      }
      const { latest } = await ctx.api.get<{ latest: CheckReportView | null }>(
        apiPath('servers', name, 'checks'),
        { limit: 1 },
      );
      reports.push({ server: name, report: latest, run: done });
      if (latest && !latest.ok) exitCode = Math.max(exitCode, 1);
      if (ctx.out.format === 'console' && latest) ctx.out.line(renderReport(name, latest));
    }
    if (ctx.out.format === 'json' && !ctx.options.nagios) ctx.out.emit(reports, () => '');
    return exitCode;
  },
};

function renderReport(server: string, report: CheckReportView): string {
  const lines = report.results.map(
    (r) => `\t${r.name}: ${r.status}${r.hint && r.status !== 'OK' ? ` (${r.hint})` : ''}`,
  );
  return [`Server ${server}:`, ...lines].join('\n');
}

export const serverCommands = [listServers, showServer, check];
