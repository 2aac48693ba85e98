import { z } from 'zod';

// Environment is a boundary too (conventions §3): parsed once, with messages that say what to set.
const envSchema = z.object({
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgresql:// URL of the catalog database' }),
  REDIS_URL: z.string().url({ message: 'REDIS_URL must be a redis:// URL' }).default('redis://127.0.0.1:6379'),
  CELLAR_HOME: z.string().default('.cellar'),
  CELLAR_REPOSITORY: z.string().optional(),
  CELLAR_SECRET_KEY: z.string().optional(),
  CELLAR_QUEUE_PREFIX: z.string().default('cellar'),
  CELLAR_SESSION_DAYS: z.coerce.number().int().positive().default(7),
  CELLAR_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  CELLAR_ADMIN_PASSWORD: z.string().optional(),
  /** Backups running at once across every worker process (BullMQ global concurrency of the backups queue). */
  CELLAR_BACKUP_CONCURRENCY: z.coerce.number().int().min(1, 'CELLAR_BACKUP_CONCURRENCY is at least 1').max(64).default(2),
  /** How late a scheduled occurrence may start before it counts as missed (workers were down). */
  CELLAR_SCHEDULE_GRACE_SECONDS: z.coerce.number().min(1, 'CELLAR_SCHEDULE_GRACE_SECONDS is at least 1').max(86_400).default(60),
  /** The console's address as people reach it (https://cellar.example.com); links in notifications use it. */
  CELLAR_PUBLIC_URL: z.string().url({ message: 'CELLAR_PUBLIC_URL must be the console URL, e.g. https://cellar.example.com' }).optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cellar's environment is not valid:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
