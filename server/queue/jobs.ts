import { z } from 'zod';

// One registry of job names (conventions: formbricks' packages/jobs). A job carries the id of
// its Run only; the Run row in the catalog holds everything else. Payloads are parsed when
// enqueued and again when processed.

export const queueNames = ['backups', 'restores', 'maintenance'] as const;
export type QueueName = (typeof queueNames)[number];

const runPayload = z.object({ runId: z.string().uuid() }).strict();

// attempts: 1 everywhere. A backup or restore is never retried behind the user's back: one
// request is one run is at most one backup, and a failed run says why.
export const jobs = {
  'server.check': { queue: 'maintenance', payload: runPayload, attempts: 1 },
  'backup.run': { queue: 'backups', payload: runPayload, attempts: 1 },
  'backup.verify': { queue: 'maintenance', payload: runPayload, attempts: 1 },
  'wal.rebuild': { queue: 'maintenance', payload: runPayload, attempts: 1 },
  'restore.run': { queue: 'restores', payload: runPayload, attempts: 1 },
  'restore.verify': { queue: 'restores', payload: runPayload, attempts: 1 },
  'retention.apply': { queue: 'maintenance', payload: runPayload, attempts: 1 },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType; attempts: number }>;

export type JobName = keyof typeof jobs;
export type JobPayload<N extends JobName> = z.infer<(typeof jobs)[N]['payload']>;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobs, name);
}

/** BullMQ job ids may not contain ':'; one run is one job, so a retried request cannot duplicate it. */
export function jobIdForRun(runId: string): string {
  return `run-${runId}`;
}

export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const parsed = jobs[name].payload.safeParse(data);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
    throw new InvalidPayloadError(`Job '${name}' has an invalid payload: ${detail}`);
  }
  return parsed.data as JobPayload<N>;
}

export class InvalidPayloadError extends Error {
  override name = 'InvalidPayloadError';
}
