import { prettySize } from '../../contracts/barman-options';
import type { Finding, GlobalFacts, RuleSettings } from '../types';

const repository = { subjectKey: 'repository', subject: 'repository', serverId: null };

export function repositoryFreeSpace(facts: GlobalFacts, settings: RuleSettings): Finding[] {
  const space = facts.space;
  if (!space || space.totalBytes <= 0) return [];
  const minimum = settings.repository_free_space.params.minFreePercent ?? 10;
  const percent = (space.freeBytes / space.totalBytes) * 100;
  if (percent >= minimum) return [];
  return [
    {
      rule: 'repository_free_space',
      ...repository,
      summary: `The repository's file system (${space.path}) has ${prettySize(space.freeBytes)} free of ${prettySize(space.totalBytes)} (${percent.toFixed(1)}%), below ${minimum}%. Free space or apply retention before backups and WAL start failing.`,
      details: {
        path: space.path,
        freeBytes: space.freeBytes,
        totalBytes: space.totalBytes,
        freePercent: Number(percent.toFixed(2)),
        minFreePercent: minimum,
      },
    },
  ];
}

export function repositoryForecast(facts: GlobalFacts, settings: RuleSettings): Finding[] {
  const forecast = facts.forecast;
  const space = facts.space;
  if (!forecast || forecast.daysLeft === null || !space) return [];
  const minimum = settings.repository_forecast.params.minDaysLeft ?? 7;
  if (forecast.daysLeft >= minimum) return [];
  return [
    {
      rule: 'repository_forecast',
      ...repository,
      summary: `The repository's file system (${space.path}) grows by ${prettySize(Math.round(forecast.bytesPerDay))} a day (measured over ${Math.round(forecast.spanHours)} hours): its ${prettySize(space.freeBytes)} free last about ${forecast.daysLeft.toFixed(1)} days, under ${minimum}.`,
      details: {
        bytesPerDay: Math.round(forecast.bytesPerDay),
        daysLeft: Number(forecast.daysLeft.toFixed(2)),
        samples: forecast.samples,
        spanHours: Number(forecast.spanHours.toFixed(1)),
        minDaysLeft: minimum,
      },
    },
  ];
}

/** A channel is failing while its last attempt (delivery or test) failed. */
export function channelFailing(facts: GlobalFacts): Finding[] {
  return facts.channels
    .filter((c) => c.enabled && c.lastFailureAt && (!c.lastSuccessAt || c.lastFailureAt > c.lastSuccessAt))
    .map((c) => ({
      rule: 'channel_failing' as const,
      subjectKey: channelSubjectKey(c.id),
      subject: `channel ${c.name}`,
      serverId: null,
      summary: `Notifications through "${c.name}" are failing (${c.consecutiveFailures} attempt${c.consecutiveFailures === 1 ? '' : 's'} in a row): ${c.lastError ?? 'no reason recorded'}. Fix the channel under Settings → Notifications and send a test.`,
      details: {
        channelId: c.id,
        lastError: c.lastError,
        lastFailureAt: c.lastFailureAt?.toISOString() ?? null,
        consecutiveFailures: c.consecutiveFailures,
      },
    }));
}

export function channelSubjectKey(channelId: string): string {
  return `channel:${channelId}`;
}
