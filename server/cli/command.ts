import type { ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import type { ApiClient } from './api-client';
import { CliError } from './api-client';
import type { Output } from './output';

// One CLI command: Barman's name where Barman has the command, its options, and a run that
// returns the exit code. Positional arguments are validated with zod like any other input.

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export type CommandContext = {
  api: ApiClient;
  out: Output;
  positionals: string[];
  options: OptionValues;
  /** Progress for a person watching (stderr); silent in json mode. */
  progress(text: string): void;
};

export type Command = {
  name: string;
  aliases?: string[];
  summary: string;
  /** The arguments after the command name, as shown in help. */
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CommandContext): Promise<number>;
};

/** Parses a positional or option value, or fails with the schema's own message. */
export function argument<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const reason = parsed.error.issues[0]?.message ?? 'invalid';
  const shown =
    typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  throw new CliError(value === undefined ? `Missing ${what}.` : `Invalid ${what} "${shown}": ${reason}`, 2);
}

export function stringOption(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

/** At least one positional; `all` stands for every server where the command allows it. */
export function requirePositionals(ctx: CommandContext, count: number, usage: string): void {
  if (ctx.positionals.length < count) throw new CliError(`Missing arguments. Usage: ${usage}`, 2);
}
