// `npm run bench:console -- [--database-url URL] [--password P] [--runs N] [--keep]`
// Times every console page and its key interactions in Chromium against a large catalog: the
// built web process (run `npx next build` first), a private catalog seeded with 50 servers,
// 10,000 backups and 500,000 WAL segments (or the seeded catalog you name), a private Redis.
// Prints one table; nothing asserts a timing. --keep leaves it running to look around.
import { parseArgs } from 'node:util';
import { chromium, type APIRequestContext } from '@playwright/test';
import { startBenchStack } from './console/bench-stack';
import { resultsTable, verdict, type Result } from './console/report';
import { scenarios } from './console/scenarios';
import type { FleetView } from '../server/contracts/fleet';

async function busiestServer(request: APIRequestContext): Promise<string> {
  const fleet = (await (await request.get('/api/fleet')).json()) as FleetView;
  const sorted = [...fleet.servers].sort((a, b) => b.backups.available - a.backups.available);
  if (!sorted[0]) throw new Error('The catalog has no server: seed it first (npm run seed:large).');
  return sorted[0].name;
}

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    password: { type: 'string', default: 'cellar-bench-password' },
    runs: { type: 'string', default: '5' },
    server: { type: 'string' },
    keep: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const runs = Math.max(0, Number(values.runs));
const log = (line: string) => console.log(line);

const stack = await startBenchStack({ databaseUrl: values['database-url'], password: values.password, log });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const context = await browser.newContext({ baseURL: stack.baseURL, viewport: { width: 1440, height: 900 } });
  const login = await context.request.post('/api/auth/login', { data: { username: 'alice', password: stack.password } });
  if (!login.ok()) throw new Error(`Signing in as alice failed (HTTP ${login.status()}): is the catalog seeded with this password?`);
  const page = await context.newPage();
  const server = values.server ?? (await busiestServer(context.request));
  log(`Timing ${runs} rounds; server pages on ${server}, the server with the most backups.`);
  const chosen = scenarios(server).filter((s) => !values.only || s.name.includes(values.only));
  const results: Result[] = chosen.map((s) => ({ name: s.name, samples: [] }));
  for (let round = 0; round < runs; round++) {
    for (const [i, scenario] of chosen.entries()) {
      await scenario.prepare?.(page);
      results[i]?.samples.push(await scenario.measure(page));
    }
    log(`round ${round + 1} of ${runs} done`);
  }
  if (runs > 0) {
    console.log(`\n${resultsTable(results)}\n`);
    const slow = verdict(results, 1_000);
    console.log(slow.length ? `Over one second:\n  ${slow.join('\n  ')}` : 'Every page and interaction: median under one second.');
  }
  if (values.keep) {
    console.log(`\nThe console stays up at ${stack.baseURL} (alice / ${stack.password}); Ctrl-C to stop.`);
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  }
} finally {
  await browser.close();
  await stack.stop();
}
