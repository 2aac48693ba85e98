import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { env } from '../config/env';

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export function createDb(connectionString: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

let shared: Db | undefined;

/** The process-wide catalog client (web, workers). Tests create their own with createDb. */
export function db(): Db {
  shared ??= createDb(env().DATABASE_URL);
  return shared;
}

export async function disconnectDb(): Promise<void> {
  await shared?.$disconnect();
  shared = undefined;
}
