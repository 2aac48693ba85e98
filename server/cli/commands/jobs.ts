import { z } from 'zod';
import { runStatuses, type RunView } from '../../contracts/runs';
import { serverNameSchema, type ServerView } from '../../contracts/servers';
import { apiPath } from '../api-client';
import { argument, requirePositionals, stringOption, type Command } from '../command';
import { bytes, facts, table, time } from '../output';
import { runOutcome, waitForRun } from '../wait-for-run';

// Runs are Cellar's processes: what Barman's list-processes and terminate-process show and stop.

const runId = z.string().uuid('A run id is a UUID, as `cellar jobs` prints it.');

const jobs: Command = {
  name: 'jobs',
  aliases: ['list-processes'],
  summary: 'List runs (backups, verifications, checks, …), newest first.',
  usage: '[SERVER] [--kind KIND] [--status queued|running|succeeded|failed|cancelled] [--limit N]',
  options: { kind: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' } },
  async run(ctx) {
    const server =
      ctx.positionals[0] === undefined
        ? undefined
        : argument(serverNameSchema, ctx.positionals[0], 'server name');
    const serverId =
      server === undefined ? undefined : (await ctx.api.get<ServerView>(apiPath('servers', server))).id;
    const status = stringOption(ctx.options, 'status');
    const limit = stringOption(ctx.options, 'limit');
    const { runs } = await ctx.api.get<{ runs: RunView[] }>('/api/runs', {
      serverId,
      kind: stringOption(ctx.options, 'kind'),
      status: status === undefined ? undefined : argument(z.enum(runStatuses), status, '--status'),
      limit:
        limit === undefined
          ? 50
          : argument(z.number().int().min(1).max(200), Number(limit), '--limit (1 to 200)'),
    });
    ctx.out.emit(runs, () =>
      table(
        ['run', 'kind', 'server', 'status', 'phase', 'progress', 'queued'],
        runs.map((r) => [
          r.id,
          r.kind,
          r.serverName,
          r.status,
          r.phase,
          r.progressTotal
            ? `${Math.round((r.progressDone / r.progressTotal) * 100)}%`
            : r.progressDone
              ? bytes(r.progressDone)
              : null,
          time(r.queuedAt),
        ]),
      ),
    );
    return 0;
  },
};

const job: Command = {
  name: 'job',
  summary: 'Show one run with its log; --follow waits until it finishes.',
  usage: 'RUN_ID [--follow]',
  options: { follow: { type: 'boolean', short: 'f' } },
  async run(ctx) {
    requirePositionals(ctx, 1, 'cellar job RUN_ID');
    const id = argument(runId, ctx.positionals[0], 'run id');
    let run = await ctx.api.get<RunView>(apiPath('runs', id));
    if (ctx.options.follow)
      run = await ctx.api.get<RunView>(apiPath('runs', (await waitForRun(ctx, run)).id));
    ctx.out.emit(run, () => {
      const head = facts([
        [
          `Run ${run.id}`,
          [
            ['Kind', run.kind],
            ['Server', run.serverName],
            ['Status', run.status],
            ['Phase', run.phase],
            [
              'Progress',
              run.progressTotal
                ? `${bytes(run.progressDone)} of ${bytes(run.progressTotal)}`
                : bytes(run.progressDone),
            ],
            ['Requested by', run.requestedBy],
            ['Queued', time(run.queuedAt)],
            ['Started', time(run.startedAt)],
            ['Finished', time(run.finishedAt)],
            ['Error', run.error],
          ],
        ],
      ]);
      const log = (run.log ?? []).map((l) => `${time(l.at)} ${l.level.padEnd(5)} ${l.message}`);
      return log.length ? `${head}\n\nLog:\n${log.join('\n')}` : head;
    });
    return ctx.options.follow ? runOutcome(run).exitCode : 0;
  },
};

const cancel: Command = {
  name: 'cancel',
  aliases: ['terminate-process'],
  summary: 'Cancel a queued or running run (a cancelled backup leaves nothing behind).',
  usage: 'RUN_ID',
  async run(ctx) {
    requirePositionals(ctx, 1, 'cellar cancel RUN_ID');
    const id = argument(runId, ctx.positionals[0], 'run id');
    const result = await ctx.api.send<unknown>('POST', apiPath('runs', id, 'cancel'));
    ctx.out.emit(result, () => `Cancel requested for run ${id}`);
    return 0;
  },
};

export const jobCommands = [jobs, job, cancel];
