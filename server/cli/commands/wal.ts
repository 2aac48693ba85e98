import { z } from 'zod';
import type { RunView } from '../../contracts/runs';
import { serverNameSchema } from '../../contracts/servers';
import {
  restorePointInput,
  type ReplicationStatusView,
  type RestorePointView,
  type WalStatusView,
} from '../../contracts/wal';
import { apiPath } from '../api-client';
import { argument, requirePositionals, stringOption, type Command, type CommandContext } from '../command';
import { bytes, facts, table, time } from '../output';
import { runOutcome, waitForRun } from '../wait-for-run';

const serverArg = (ctx: CommandContext, usage: string) => {
  requirePositionals(ctx, 1, usage);
  return argument(serverNameSchema, ctx.positionals[0], 'server name');
};

const switchWal: Command = {
  name: 'switch-wal',
  aliases: ['switch-xlog'],
  summary: 'Close the current WAL segment (--force: checkpoint first; --archive: wait until it is archived).',
  usage: 'SERVER [--force] [--archive] [--archive-timeout SECONDS]',
  options: {
    force: { type: 'boolean' },
    archive: { type: 'boolean' },
    'archive-timeout': { type: 'string' },
  },
  async run(ctx) {
    const server = serverArg(ctx, 'cellar switch-wal SERVER');
    const timeout = stringOption(ctx.options, 'archive-timeout');
    const body = {
      force: ctx.options.force === true,
      waitForArchive: ctx.options.archive === true,
      ...(timeout === undefined
        ? {}
        : {
            timeoutSeconds: argument(
              z.number().int().min(1).max(600),
              Number(timeout),
              '--archive-timeout (1 to 600 seconds)',
            ),
          }),
    };
    const result = await ctx.api.send<{
      switched: boolean;
      closedSegment: string | null;
      archived: boolean | null;
    }>('POST', apiPath('servers', server, 'switch-wal'), body);
    ctx.out.emit(result, () => {
      if (!result.switched)
        return `No switch needed for server ${server}: nothing was written since the last switch (use --force).`;
      const archived =
        result.archived === null ? '' : result.archived ? ', archived' : ', NOT archived within the timeout';
      return `The WAL file ${result.closedSegment ?? '?'} has been closed on server ${server}${archived}`;
    });
    return result.archived === false ? 1 : 0;
  },
};

const walStatus: Command = {
  name: 'wal-status',
  summary: 'The WAL archive of a server: size, timelines, channels, gaps, rate.',
  usage: 'SERVER',
  async run(ctx) {
    const server = serverArg(ctx, 'cellar wal-status SERVER');
    const s = await ctx.api.get<WalStatusView>(apiPath('servers', server, 'wal'));
    ctx.out.emit(s, () =>
      [
        facts([
          [
            `WAL archive of ${server}`,
            [
              ['Segments', s.segments],
              ['History files', s.historyFiles],
              ['Partial files', s.partialFiles],
              ['Size', `${bytes(s.size)} (${bytes(s.storedSize)} stored)`],
              [
                'Last archived',
                s.lastArchived
                  ? `${s.lastArchived.name} at ${time(s.lastArchived.archivedAt)} (${s.lastArchived.source})`
                  : null,
              ],
              ['WAL rate', `${s.walRatePerHour.toFixed(2)}/hour`],
              ['Restore points', s.restorePoints],
              [
                'Gaps',
                s.gaps.length
                  ? s.gaps
                      .map((g) => `timeline ${g.timeline}: ${g.from}..${g.to} (${g.missing} missing)`)
                      .join('; ')
                  : 'none',
              ],
              ['Refused files', s.errorFiles.length ? s.errorFiles.join(', ') : 'none'],
            ],
          ],
        ]),
        '',
        table(
          ['timeline', 'first', 'last', 'segments'],
          s.timelines.map((t) => [t.timeline, t.first, t.last, t.segments]),
        ),
      ].join('\n'),
    );
    return s.gaps.length ? 1 : 0;
  },
};

const replicationStatus: Command = {
  name: 'replication-status',
  summary: 'The server’s standbys and WAL streamers (pg_stat_replication) with their lag.',
  usage: 'SERVER',
  async run(ctx) {
    const server = serverArg(ctx, 'cellar replication-status SERVER');
    const s = await ctx.api.get<ReplicationStatusView>(apiPath('servers', server, 'replication-status'));
    ctx.out.emit(s, () => {
      const head = `Status of streaming clients for server '${server}':\n  Current LSN on master: ${s.currentLsn}${s.inRecovery ? ' (in recovery)' : ''}`;
      if (!s.clients.length) return `${head}\n  No streaming clients attached`;
      const rows = s.clients.map((c) => [
        c.applicationName,
        c.clientAddress,
        c.state,
        c.syncState,
        c.sentLsn,
        c.flushLsn,
        c.replayLsn,
        bytes(c.flushLag),
        c.slotName,
      ]);
      return `${head}\n\n${table(['application', 'client', 'state', 'sync', 'sent', 'flushed', 'replayed', 'flush lag', 'slot'], rows)}`;
    });
    return 0;
  },
};

const createRestorePoint: Command = {
  name: 'create-restore-point',
  summary: 'Create a named restore point on the server (a PITR target).',
  usage: 'SERVER NAME',
  async run(ctx) {
    requirePositionals(ctx, 2, 'cellar create-restore-point SERVER NAME');
    const server = argument(serverNameSchema, ctx.positionals[0], 'server name');
    const body = argument(restorePointInput, { name: ctx.positionals[1] }, 'restore point name');
    const point = await ctx.api.send<{ name: string; lsn: string }>(
      'POST',
      apiPath('servers', server, 'restore-points'),
      body,
    );
    ctx.out.emit(point, () => `Restore point '${point.name}' created at ${point.lsn}`);
    return 0;
  },
};

const listRestorePoints: Command = {
  name: 'list-restore-points',
  summary: 'The named restore points found in the WAL archive.',
  usage: 'SERVER',
  async run(ctx) {
    const server = serverArg(ctx, 'cellar list-restore-points SERVER');
    const { restorePoints } = await ctx.api.get<{ restorePoints: RestorePointView[] }>(
      apiPath('servers', server, 'restore-points'),
    );
    ctx.out.emit(restorePoints, () =>
      table(
        ['name', 'time', 'lsn', 'timeline'],
        restorePoints.map((p) => [p.name, time(p.time), p.lsn, p.timeline]),
      ),
    );
    return 0;
  },
};

const rebuildXlogdb: Command = {
  name: 'rebuild-xlogdb',
  summary: 'Rebuild the WAL catalog of a server from its repository.',
  usage: 'SERVER',
  async run(ctx) {
    const server = serverArg(ctx, 'cellar rebuild-xlogdb SERVER');
    const { run } = await ctx.api.send<{ run: RunView }>('POST', apiPath('servers', server, 'wal-rebuild'));
    const done = await waitForRun(ctx, run);
    ctx.out.emit(done, () => runOutcome(done).text);
    return runOutcome(done).exitCode;
  },
};

export const walCommands = [
  switchWal,
  walStatus,
  replicationStatus,
  createRestorePoint,
  listRestorePoints,
  rebuildXlogdb,
];
