import type { Ctx } from '../context';
import { alertSeverities } from '../contracts/alerts';
import { forecastSpace } from '../alerts/forecast-space';
import { measureRepository } from '../alerts/gather-global-facts';
import { loadRuleSettings } from '../alerts/rule-settings';
import { repositoryRoot } from '../repository/repository-root';
import { collectServerMetrics, gauge } from './collect-server-metrics';
import { collectWindowMetrics } from './collect-window-metrics';
import type { MetricFamily } from './prometheus-text';
import { queueDepth } from './queue-depth';

export type CollectMetricsInput = { now?: Date; repositoryRoot?: string; redis?: { url: string; prefix: string } };

/**
 * Everything `/metrics` exposes: per server (collect-server-metrics, and the recoverable window), alerts, the repository's
 * file system and its forecast, notification channels, and the job queues. Read-only.
 */
export async function collectMetrics({ ctx, input = {} }: { ctx: Ctx; input?: CollectMetricsInput }): Promise<MetricFamily[]> {
  const now = input.now ?? new Date();
  const root = input.repositoryRoot ?? repositoryRoot();
  const [servers, windows, alerts, repository, channels, queues] = await Promise.all([
    collectServerMetrics(ctx.db, now),
    collectWindowMetrics(ctx, root),
    alertFamilies(ctx),
    repositoryFamilies(ctx, root, now),
    channelFamilies(ctx),
    queueFamilies(input.redis),
  ]);
  return [...servers, ...windows, ...alerts, ...repository, ...channels, ...queues];
}

async function alertFamilies(ctx: Ctx): Promise<MetricFamily[]> {
  const groups = await ctx.db.alert.groupBy({ by: ['serverId', 'severity'], where: { resolvedAt: null }, _count: { _all: true } });
  const names = new Map((await ctx.db.server.findMany({ select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  const total = (severity: string) => groups.filter((g) => g.severity === severity).reduce((n, g) => n + g._count._all, 0);
  return [
    gauge('cellar_alerts_open', 'Open alerts by severity (acknowledged ones included).', alertSeverities.map((severity) => ({ labels: { severity }, value: total(severity) }))),
    gauge(
      'cellar_server_alerts_open',
      'Open alerts of each server by severity.',
      groups.filter((g) => g.serverId && names.has(g.serverId)).map((g) => ({ labels: { server: names.get(g.serverId ?? '') ?? '', severity: g.severity }, value: g._count._all })),
    ),
  ];
}

async function repositoryFamilies(ctx: Ctx, root: string, now: Date): Promise<MetricFamily[]> {
  const space = await measureRepository(root).catch(() => null);
  const settings = await loadRuleSettings(ctx.db);
  const windowDays = settings.repository_forecast.params.windowDays ?? 7;
  const samples = await ctx.db.repositorySample.findMany({ where: { at: { gte: new Date(now.getTime() - windowDays * 86_400_000) } }, orderBy: { at: 'asc' } });
  const forecast = forecastSpace(samples.map((s) => ({ at: s.at, totalBytes: Number(s.totalBytes), freeBytes: Number(s.freeBytes) })), now, windowDays);
  const families = [gauge('cellar_repository_up', 'Whether the repository’s file system could be measured.', [{ value: space ? 1 : 0 }])];
  if (space)
    families.push(
      gauge('cellar_repository_size_bytes', 'Size of the file system holding the repository.', [{ value: space.totalBytes }]),
      gauge('cellar_repository_free_bytes', 'Free space on it, as an unprivileged writer sees it.', [{ value: space.freeBytes }]),
      gauge('cellar_repository_used_bytes', 'Used space on it.', [{ value: space.totalBytes - space.freeBytes }]),
    );
  if (forecast) {
    families.push(gauge('cellar_repository_growth_bytes_per_day', 'Growth of used space, measured over the forecast window.', [{ value: forecast.bytesPerDay }]));
    if (forecast.daysLeft !== null) families.push(gauge('cellar_repository_days_left', 'Days until the file system is full at that growth rate.', [{ value: forecast.daysLeft }]));
  }
  return families;
}

async function channelFamilies(ctx: Ctx): Promise<MetricFamily[]> {
  const [channels, deliveries] = await Promise.all([
    ctx.db.notificationChannel.findMany({ select: { name: true, kind: true, enabled: true, lastSuccessAt: true, lastFailureAt: true } }),
    ctx.db.notificationDelivery.groupBy({ by: ['status'], _count: { _all: true } }),
  ]);
  return [
    gauge(
      'cellar_notification_channel_healthy',
      'Whether the last delivery or test through the channel succeeded (1) or failed (0).',
      channels.map((c) => ({ labels: { channel: c.name, kind: c.kind }, value: !c.lastFailureAt || (c.lastSuccessAt !== null && c.lastSuccessAt > c.lastFailureAt) ? 1 : 0 })),
    ),
    gauge('cellar_notification_deliveries', 'Notification events by delivery status (pending, sent, failed: given up).', deliveries.map((d) => ({ labels: { status: d.status }, value: d._count._all }))),
  ];
}

async function queueFamilies(redis: CollectMetricsInput['redis']): Promise<MetricFamily[]> {
  const depth = await queueDepth(redis ? { redisUrl: redis.url, prefix: redis.prefix } : {});
  const up = gauge('cellar_queue_up', 'Whether the job queue (Redis) answered.', [{ value: depth.up ? 1 : 0 }]);
  if (!depth.up) return [up];
  return [up, gauge('cellar_queue_jobs', 'Jobs in each queue by state (waiting, active, delayed, prioritized, paused, failed).', depth.counts.map((c) => ({ labels: { queue: c.queue, state: c.state }, value: c.jobs })))];
}
