import { defineConfig } from 'prisma/config';

// The catalog URL is only needed by commands that talk to the database; generation needs none.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/cellar' },
});
