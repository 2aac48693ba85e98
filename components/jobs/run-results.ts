import { z } from 'zod';

// A run's `result` is whatever its job returned; read it defensively, kind by kind.

const backupRunResult = z.object({
  backupId: z.string(),
  status: z.string(),
  size: z.number(),
  storedSize: z.number(),
  deduplicatedSize: z.number(),
});
export type BackupRunResult = z.infer<typeof backupRunResult>;

/** A backup.run's result (server/backup/take-backup.ts). */
export function readBackupRunResult(result: unknown): BackupRunResult | null {
  const parsed = backupRunResult.safeParse(result);
  return parsed.success ? parsed.data : null;
}

const verifyRunResult = z.object({ ok: z.boolean(), summary: z.string(), files: z.number().optional() });

/** A backup.verify's report summary (server/backup/verify-backup.ts). */
export function readVerifySummary(result: unknown): string | null {
  const parsed = verifyRunResult.safeParse(result);
  return parsed.success ? parsed.data.summary : null;
}

const checkResult = z.object({ failed: z.array(z.unknown()) });

/** The names of the failed checks of a server.check run. */
export function readFailedChecks(result: unknown): string[] | null {
  const parsed = checkResult.safeParse(result);
  return parsed.success ? parsed.data.failed.filter((f): f is string => typeof f === 'string') : null;
}
