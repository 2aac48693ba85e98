import { z } from 'zod';
import {
  backupNameSchema,
  backupRefSchema,
  keepTargets,
  type BackupDetailView,
  type BackupFilesPage,
  type BackupListItem,
  type BackupView,
  type KeepTarget,
} from '../../contracts/backups';
import type { RunView } from '../../contracts/runs';
import { compressionSchema, serverNameSchema } from '../../contracts/servers';
import { apiPath, CliError } from '../api-client';
import { argument, requirePositionals, stringOption, type Command, type CommandContext } from '../command';
import { bytes } from '../output';
import { renderBackupList, renderShowBackup } from './backup-text';
import { runOutcome, waitForRun } from '../wait-for-run';

const serverAndBackup = (ctx: CommandContext, usage: string) => {
  requirePositionals(ctx, 2, usage);
  return {
    server: argument(serverNameSchema, ctx.positionals[0], 'server name'),
    backup: argument(backupRefSchema, ctx.positionals[1], 'backup id or name'),
  };
};

const intOption = (value: string | undefined, what: string, schema: z.ZodType<number>) =>
  value === undefined ? undefined : argument(schema, Number(value), what);

const backupUsage =
  'SERVER...|all [--name NAME] [--immediate-checkpoint|--spread-checkpoint] [--compression none|gzip|lz4|zstd] [--compression-level N] [--standalone|--no-standalone] [--reuse-backup off|link] [--bwlimit KBPS] [--wait]';

const backup: Command = {
  name: 'backup',
  summary: 'Take a backup of one or more servers (or all), concurrently; --wait to follow it.',
  usage: backupUsage,
  options: {
    name: { type: 'string' },
    'immediate-checkpoint': { type: 'boolean' },
    'spread-checkpoint': { type: 'boolean' },
    compression: { type: 'string' },
    'compression-level': { type: 'string' },
    standalone: { type: 'boolean' },
    'no-standalone': { type: 'boolean' },
    'reuse-backup': { type: 'string' },
    bwlimit: { type: 'string' },
    wait: { type: 'boolean', short: 'w' },
  },
  async run(ctx) {
    requirePositionals(ctx, 1, `cellar backup ${backupUsage}`);
    const { options: o } = ctx;
    if (o['immediate-checkpoint'] && o['spread-checkpoint'])
      throw new CliError('Choose --immediate-checkpoint or --spread-checkpoint, not both.', 2);
    if (o.standalone && o['no-standalone'])
      throw new CliError('Choose --standalone or --no-standalone, not both.', 2);
    const reuse = stringOption(o, 'reuse-backup');
    const body = {
      checkpoint: o['spread-checkpoint'] ? 'spread' : 'fast',
      ...(o.name === undefined ? {} : { name: argument(backupNameSchema, o.name, 'backup name') }),
      ...(o.compression === undefined
        ? {}
        : { compression: argument(compressionSchema, o.compression, 'compression') }),
      ...optional(
        'compressionLevel',
        intOption(stringOption(o, 'compression-level'), 'compression level', z.number().int()),
      ),
      ...optional(
        'maxRateKbps',
        intOption(stringOption(o, 'bwlimit'), 'bandwidth limit', z.number().int().positive()),
      ),
      ...(o.standalone ? { standalone: true } : o['no-standalone'] ? { standalone: false } : {}),
      ...(reuse === undefined
        ? {}
        : { reuse: argument(z.enum(['off', 'link']), reuse, '--reuse-backup value') === 'link' }),
    };
    const all = ctx.positionals.length === 1 && ctx.positionals[0] === 'all';
    const servers = all ? [] : ctx.positionals.map((p) => argument(serverNameSchema, p, 'server name'));
    let runs: RunView[];
    if (servers.length === 1) {
      runs = [
        (await ctx.api.send<{ run: RunView }>('POST', apiPath('servers', servers[0] ?? '', 'backups'), body))
          .run,
      ];
    } else {
      if (body.name !== undefined)
        throw new CliError('--name names one backup: use it with a single server.', 2);
      const result = await ctx.api.send<{
        started: RunView[];
        skipped: { server: string; reason: string }[];
      }>('POST', '/api/backups', { ...body, ...(all ? {} : { servers }) });
      for (const s of result.skipped) ctx.out.line(`Skipped ${s.server}: ${s.reason}`);
      runs = result.started;
    }
    for (const run of runs) ctx.out.line(`Starting backup of server ${run.serverName ?? '?'}: run ${run.id}`);
    if (!o.wait) {
      ctx.out.emit(runs, () => '');
      return 0;
    }
    const finished = await Promise.all(runs.map((r) => waitForRun(ctx, r)));
    for (const run of finished) ctx.out.line(runOutcome(run).text);
    ctx.out.emit(finished, () => '');
    return Math.max(0, ...finished.map((r) => runOutcome(r).exitCode));
  },
};

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

const listBackups: Command = {
  name: 'list-backups',
  aliases: ['list-backup'],
  summary: 'List a server’s backups, newest first.',
  usage: 'SERVER [--minimal] [--status STATUS]',
  options: { minimal: { type: 'boolean' }, status: { type: 'string' } },
  async run(ctx) {
    requirePositionals(ctx, 1, 'cellar list-backups SERVER');
    const server = argument(serverNameSchema, ctx.positionals[0], 'server name');
    const status = stringOption(ctx.options, 'status')?.toUpperCase();
    const backups: BackupListItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await ctx.api.get<{ backups: BackupListItem[]; nextCursor: string | null }>(
        apiPath('servers', server, 'backups'),
        { status, cursor, limit: 500 },
      );
      backups.push(...page.backups);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    ctx.out.emit(backups, () =>
      ctx.options.minimal ? backups.map((b) => b.backupId).join('\n') : renderBackupList(server, backups),
    );
    return 0;
  },
};

const showBackup: Command = {
  name: 'show-backup',
  aliases: ['show-backups'],
  summary: 'Show every detail of a backup (id, name, latest, oldest or last-failed).',
  usage: 'SERVER BACKUP',
  async run(ctx) {
    const { server, backup } = serverAndBackup(ctx, 'cellar show-backup SERVER BACKUP');
    const detail = await ctx.api.get<BackupDetailView>(apiPath('servers', server, 'backups', backup));
    ctx.out.emit(detail, () => renderShowBackup(detail));
    return 0;
  },
};

const listFiles: Command = {
  name: 'list-files',
  summary: 'List the files of a backup (paths in the restored data directory).',
  usage: 'SERVER BACKUP [--search TEXT] [--long]',
  options: { search: { type: 'string' }, long: { type: 'boolean', short: 'l' } },
  async run(ctx) {
    const { server, backup } = serverAndBackup(ctx, 'cellar list-files SERVER BACKUP');
    const files: BackupFilesPage['files'] = [];
    let cursor: string | undefined;
    do {
      const page = await ctx.api.get<BackupFilesPage>(
        apiPath('servers', server, 'backups', backup, 'files'),
        { search: stringOption(ctx.options, 'search'), cursor, limit: 1000 },
      );
      files.push(...page.files);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    ctx.out.emit(files, () =>
      files
        .map((f) =>
          ctx.options.long
            ? `${bytes(f.size).padStart(10)}  ${bytes(f.storedSize).padStart(10)}  ${f.reused ? 'linked' : '      '}  ${f.path}`
            : f.path,
        )
        .join('\n'),
    );
    return 0;
  },
};

const deleteBackup: Command = {
  name: 'delete',
  summary: 'Delete a backup (refused while kept or when minimum redundancy needs it).',
  usage: 'SERVER BACKUP',
  async run(ctx) {
    const { server, backup } = serverAndBackup(ctx, 'cellar delete SERVER BACKUP');
    const detail = await ctx.api.get<BackupView>(apiPath('servers', server, 'backups', backup));
    await ctx.api.send('DELETE', apiPath('servers', server, 'backups', detail.backupId));
    ctx.out.emit({ deleted: detail.backupId }, () => `Deleted backup ${detail.backupId} of server ${server}`);
    return 0;
  },
};

const keep: Command = {
  name: 'keep',
  summary:
    'Keep a backup whatever the retention policy (full or standalone), --release it, or show --status.',
  usage: 'SERVER BACKUP [--target full|standalone | --release | --status]',
  options: {
    target: { type: 'string' },
    release: { type: 'boolean', short: 'r' },
    status: { type: 'boolean', short: 's' },
  },
  async run(ctx) {
    const { server, backup } = serverAndBackup(ctx, 'cellar keep SERVER BACKUP --target full|standalone');
    const path = apiPath('servers', server, 'backups', backup, 'keep');
    const chosen = [
      ctx.options.target !== undefined,
      ctx.options.release === true,
      ctx.options.status === true,
    ].filter(Boolean).length;
    if (chosen !== 1)
      throw new CliError('Give exactly one of --target full|standalone, --release or --status.', 2);
    if (ctx.options.status) {
      const detail = await ctx.api.get<BackupView>(apiPath('servers', server, 'backups', backup));
      ctx.out.emit({ keep: detail.keep }, () => detail.keep ?? 'nokeep');
      return 0;
    }
    if (ctx.options.release) {
      await ctx.api.send('DELETE', path);
      ctx.out.emit({ keep: null }, () => `Released the keep of backup ${backup}`);
      return 0;
    }
    const target: KeepTarget = argument(
      z.enum(keepTargets),
      ctx.options.target,
      '--target (full or standalone)',
    );
    await ctx.api.send('PUT', path, { target });
    ctx.out.emit({ keep: target }, () => `Keeping backup ${backup} (${target})`);
    return 0;
  },
};

const verifyBackup: Command = {
  name: 'verify-backup',
  aliases: ['verify'],
  summary: 'Check every stored file of a backup against its backup_manifest.',
  usage: 'SERVER BACKUP [--no-wait]',
  options: { 'no-wait': { type: 'boolean' } },
  async run(ctx) {
    const { server, backup } = serverAndBackup(ctx, 'cellar verify-backup SERVER BACKUP');
    const { run } = await ctx.api.send<{ run: RunView }>(
      'POST',
      apiPath('servers', server, 'backups', backup, 'verify'),
    );
    if (ctx.options['no-wait']) {
      ctx.out.emit(run, () => `Verifying backup ${backup}: run ${run.id}`);
      return 0;
    }
    const done = await waitForRun(ctx, run);
    const summary = (done.result as { summary?: string; ok?: boolean } | null)?.summary;
    ctx.out.emit(done, () => summary ?? runOutcome(done).text);
    return done.status === 'succeeded' && (done.result as { ok?: boolean } | null)?.ok === true ? 0 : 1;
  },
};

export const backupCommands = [backup, listBackups, showBackup, listFiles, deleteBackup, keep, verifyBackup];
