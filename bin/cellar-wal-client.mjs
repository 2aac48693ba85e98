// Shared by cellar-wal-archive and cellar-wal-restore: plain Node (18+), no dependencies, so the
// three files can be copied to a database host as they are.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export class UsageError extends Error {}

/** `--key value` options and positional arguments; unknown options are usage errors. */
export function parseArgs(argv, known) {
  const options = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const key = arg.slice(2);
    if (!known.includes(key)) throw new UsageError(`unknown option ${arg}`);
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`${arg} needs a value`);
    options[key] = value;
  }
  for (const required of ['url', 'server', 'token-file']) if (!options[required]) throw new UsageError(`--${required} is required`);
  return { options, positional };
}

export function readToken(file) {
  const token = readFileSync(file, 'utf8').trim();
  if (!token) throw new Error(`the token file ${file} is empty`);
  return token;
}

export function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

export function walUrl(options, name) {
  const base = options.url.replace(/\/+$/, '');
  return `${base}/api/servers/${encodeURIComponent(options.server)}/wal/${encodeURIComponent(name)}`;
}

/** fetch with a deadline; the error names the URL's host, never the token. */
export async function request(url, init, timeoutSeconds) {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutSeconds * 1000) });
  } catch (error) {
    const reason = error?.cause?.code ?? error?.name ?? String(error);
    throw new Error(`cannot reach Cellar at ${new URL(url).host} (${reason})`);
  }
}

/** The API's error message, when it sent one. */
export async function errorText(response) {
  try {
    const body = await response.json();
    return body?.error?.message ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

export async function main(name, usage, run) {
  try {
    process.exitCode = await run(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${name}: ${error.message}\n`);
    if (error instanceof UsageError) process.stderr.write(`usage: ${usage}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}

const segmentName = /^([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{8})$/;

/** The next segment names after `name` (XLogFileName of segno + k). */
export function nextSegments(name, count, segmentSize) {
  const match = segmentName.exec(name);
  if (!match) return [];
  const perLog = 0x1_0000_0000n / BigInt(segmentSize);
  const segno = BigInt(`0x${match[2]}`) * perLog + BigInt(`0x${match[3]}`);
  const hex = (v) => v.toString(16).toUpperCase().padStart(8, '0');
  return Array.from({ length: count }, (_, i) => {
    const next = segno + BigInt(i + 1);
    return `${match[1]}${hex(next / perLog)}${hex(next % perLog)}`;
  });
}

