import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { CliError, createApiClient } from './api-client';
import type { Command } from './command';
import { backupCommands } from './commands/backups';
import { jobCommands } from './commands/jobs';
import { recoveryCommands } from './commands/recovery';
import { serverCommands } from './commands/servers';
import { walCommands } from './commands/wal';
import { createOutput } from './output';

// `cellar <command> …`: Barman's commands over Cellar's HTTP API. Exit codes: 0 success,
// 1 a failure reported by Cellar (or a failed check), 2 a usage error.

const commands: Command[] = [
  ...serverCommands,
  ...backupCommands,
  ...recoveryCommands,
  ...walCommands,
  ...jobCommands,
];

const globalOptions = {
  url: { type: 'string' },
  'token-file': { type: 'string' },
  format: { type: 'string', short: 'f' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} satisfies NonNullable<ParseArgsConfig['options']>;

export type CliIo = {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
};

const defaultIo: CliIo = {
  env: process.env,
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`cellar: ${error.message}\n`);
      return error.exitCode;
    }
    // parseArgs's own errors (unknown option, missing value) are usage errors.
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`cellar: ${error.message}\nRun \`cellar help\` for the commands and their options.\n`);
      return 2;
    }
    throw error;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const name = commandName(argv);
  if (name === undefined || name === 'help') {
    io.stdout(helpText(argv[argv.indexOf('help') + 1]));
    return name === undefined && !argv.includes('-h') && !argv.includes('--help') ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name || c.aliases?.includes(name));
  if (!command) throw new CliError(`Unknown command "${name}". Run \`cellar help\` for the list.`, 2);
  const rest = argv.filter((_, i) => i !== argv.indexOf(name));
  const { values, positionals } = parseArgs({
    args: rest,
    options: { ...globalOptions, ...command.options },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(helpText(command.name));
    return 0;
  }
  const format = z.enum(['console', 'json']).safeParse(values.format ?? 'console');
  if (!format.success) throw new CliError('--format is console or json.', 2);
  const url = values.url ?? io.env.CELLAR_URL ?? 'http://127.0.0.1:7480';
  const api = createApiClient(url, readToken(values['token-file'], io.env));
  const out = createOutput(format.data, io.stdout);
  const quiet = values.quiet === true || format.data === 'json';
  return command.run({
    api,
    out,
    positionals,
    options: values,
    progress: (text) => (quiet ? undefined : io.stderr(`${text}\n`)),
  });
}

/** The first argument that is neither an option nor the value of a global option. */
function commandName(argv: string[]): string | undefined {
  const takesValue = new Set(['--url', '--token-file', '--format', '-f']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (takesValue.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

function readToken(file: string | undefined, env: NodeJS.ProcessEnv): string {
  const path = file ?? env.CELLAR_TOKEN_FILE;
  if (path) {
    let token: string;
    try {
      token = readFileSync(path, 'utf8').trim();
    } catch (error) {
      throw new CliError(
        `Cannot read the token file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
        2,
      );
    }
    if (!token) throw new CliError(`The token file ${path} is empty.`, 2);
    return token;
  }
  if (env.CELLAR_TOKEN) return env.CELLAR_TOKEN;
  throw new CliError(
    'No API token: pass --token-file FILE or set CELLAR_TOKEN_FILE or CELLAR_TOKEN (create one under Settings → API tokens).',
    2,
  );
}

function helpText(topic: string | undefined): string {
  const command = commands.find((c) => c.name === topic || c.aliases?.includes(topic ?? ''));
  if (command) return `usage: cellar ${command.name} ${command.usage}\n\n${command.summary}\n`;
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `usage: cellar [--url URL] [--token-file FILE] [-f console|json] [-q] COMMAND [ARGS]\n\nCommands:\n${list}\n\nThe token comes from --token-file, CELLAR_TOKEN_FILE or CELLAR_TOKEN; the URL from --url or\nCELLAR_URL (default http://127.0.0.1:7480). \`cellar help COMMAND\` shows a command's options.\n`;
}
