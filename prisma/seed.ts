// `npm run seed`: idempotent — applies migrations and creates the first admin when none exists.
import { prepareCatalog } from '../server/startup/prepare-catalog';
import { disconnectDb } from '../server/db/client';

await prepareCatalog();
await disconnectDb();
