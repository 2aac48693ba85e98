// `npm run seed:large -- [--database-url URL] [--force] [--password P] [--backups N] [--segments N] [--audit N]`
// Fills a catalog with the large fleet of issue 6 (see seed/seed-large-catalog.ts). Refuses a
// catalog that is not on this machine or that already has servers or runs, unless --force.
import { parseArgs } from 'node:util';
import { generatePassword } from '../../server/auth/passwords';
import { seedLargeCatalog } from './seed/seed-large-catalog';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    force: { type: 'boolean', default: false },
    password: { type: 'string' },
    backups: { type: 'string', default: '10000' },
    segments: { type: 'string', default: '500000' },
    audit: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '6' },
  },
});

const url = values['database-url'] ?? process.env.DATABASE_URL;
if (!url) {
  console.error('Give the catalog to fill: --database-url postgresql://… or DATABASE_URL.');
  process.exit(2);
}
const password = values.password ?? process.env.CELLAR_SEED_PASSWORD ?? generatePassword();

try {
  const summary = await seedLargeCatalog({
    url,
    force: values.force,
    password,
    backups: Number(values.backups),
    segments: Number(values.segments),
    auditEvents: Number(values.audit),
    seed: Number(values.seed),
    log: (line) => console.log(line),
  });
  console.log(`\nSeeded in ${summary.seconds.toFixed(1)} s:`);
  for (const [table, count] of Object.entries(summary.rows)) console.log(`  ${table.padEnd(16)} ${count.toLocaleString('en')}`);
  console.log(`\nUsers ${summary.users.map((u) => `${u.username} (${u.role})`).join(', ')}; password: ${password}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
