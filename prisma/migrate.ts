// `npm run migrate`: applies pending catalog migrations to DATABASE_URL.
import { applyMigrations } from '../server/db/migrate';
import { env } from '../server/config/env';

const applied = await applyMigrations(env().DATABASE_URL);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Catalog is up to date.');
