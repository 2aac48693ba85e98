import { statfs } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/client';
import { forecastSpace } from './forecast-space';
import type { GlobalFacts, RepositorySpace, RuleSettings } from './types';

// One sample every few minutes is plenty for a trend measured in days, and keeps the table small.
const sampleEveryMs = 5 * 60_000;
const keepSamplesMs = 35 * 86_400_000;

/** The repository's file system (measured and sampled) and the notification channels. */
export async function gatherGlobalFacts(
  db: Db,
  root: string,
  settings: RuleSettings,
  now: Date,
): Promise<GlobalFacts> {
  let space: RepositorySpace | null = null;
  let spaceError: string | null = null;
  try {
    space = await measureRepository(root);
    await recordSample(db, space, now);
  } catch (error) {
    spaceError = error instanceof Error ? error.message : String(error);
  }
  const windowDays = settings.repository_forecast.params.windowDays ?? 7;
  const samples = await db.repositorySample.findMany({
    where: { at: { gte: new Date(now.getTime() - windowDays * 86_400_000) } },
    orderBy: { at: 'asc' },
  });
  const forecast = forecastSpace(
    samples.map((s) => ({ at: s.at, totalBytes: Number(s.totalBytes), freeBytes: Number(s.freeBytes) })),
    now,
    windowDays,
  );
  const channels = await db.notificationChannel.findMany({
    select: {
      id: true,
      name: true,
      enabled: true,
      lastSuccessAt: true,
      lastFailureAt: true,
      lastError: true,
      consecutiveFailures: true,
    },
  });
  return { space, spaceError, forecast, channels };
}

/** The file system holding the repository; before the first backup the directory may not exist yet. */
export async function measureRepository(root: string): Promise<RepositorySpace> {
  let dir = path.resolve(root);
  for (;;) {
    try {
      const stats = await statfs(dir);
      // Free space as an unprivileged writer sees it (bavail), as `df` reports it.
      return { path: root, totalBytes: stats.blocks * stats.bsize, freeBytes: stats.bavail * stats.bsize };
    } catch (error) {
      const parent = path.dirname(dir);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === dir) throw error;
      dir = parent;
    }
  }
}

async function recordSample(db: Db, space: RepositorySpace, now: Date): Promise<void> {
  const last = await db.repositorySample.findFirst({ orderBy: { at: 'desc' }, select: { at: true } });
  if (last && now.getTime() - last.at.getTime() < sampleEveryMs) return;
  await db.repositorySample.create({
    data: { at: now, totalBytes: BigInt(space.totalBytes), freeBytes: BigInt(space.freeBytes) },
  });
  await db.repositorySample.deleteMany({ where: { at: { lt: new Date(now.getTime() - keepSamplesMs) } } });
}
