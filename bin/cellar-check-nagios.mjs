#!/usr/bin/env node
// A Nagios/Icinga plugin for Cellar: prints Barman's `check --nagios` text for one server or all
// of them and exits with its code (0 OK, 2 CRITICAL), or 3 (UNKNOWN) when Cellar cannot answer.
// Plain Node (18+), no dependencies: copy it to the monitoring host as it is.
//
//   cellar-check-nagios.mjs --url https://cellar:7480 --token-file /etc/cellar/nagios.token [--server db1] [--max-age 3600]
import { readFileSync } from 'node:fs';

const usage = 'cellar-check-nagios.mjs --url URL --token-file FILE [--server NAME] [--max-age SECONDS] [--timeout SECONDS]';
const known = ['url', 'token-file', 'server', 'max-age', 'timeout'];

function unknown(message) {
  process.stdout.write(`CELLAR UNKNOWN - ${message}\n`);
  process.exitCode = 3;
}

function parse(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].startsWith('--') ? argv[i].slice(2) : null;
    if (!key || !known.includes(key)) throw new Error(`unknown argument ${argv[i]}; usage: ${usage}`);
    const value = argv[++i];
    if (value === undefined) throw new Error(`--${key} needs a value; usage: ${usage}`);
    options[key] = value;
  }
  for (const required of ['url', 'token-file']) if (!options[required]) throw new Error(`--${required} is required; usage: ${usage}`);
  return options;
}

async function main() {
  const options = parse(process.argv.slice(2));
  const token = readFileSync(options['token-file'], 'utf8').trim();
  const base = options.url.replace(/\/+$/, '');
  const path = options.server ? `/api/servers/${encodeURIComponent(options.server)}/checks/nagios` : '/api/checks/nagios';
  const query = options['max-age'] ? `?maxAge=${encodeURIComponent(options['max-age'])}` : '';
  let response;
  try {
    response = await fetch(`${base}${path}${query}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(Number(options.timeout ?? 30) * 1000) });
  } catch (error) {
    return unknown(`cannot reach Cellar at ${new URL(base).host} (${error?.cause?.code ?? error?.cause?.message ?? error?.name ?? String(error)})`);
  }
  const text = await response.text();
  const code = Number(response.headers.get('x-nagios-exit-code'));
  if (!response.ok || !Number.isInteger(code)) {
    let reason = `HTTP ${response.status}`;
    try {
      reason = JSON.parse(text)?.error?.message ?? reason;
    } catch {
      // not JSON: keep the status
    }
    return unknown(reason);
  }
  process.stdout.write(text);
  process.exitCode = code;
}

main().catch((error) => unknown(error.message));
