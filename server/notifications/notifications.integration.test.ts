import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Ctx } from '../context';
import { evaluateAlerts } from '../alerts/evaluate-alerts';
import { updateAlertRule } from '../alerts/update-alert-rule';
import { setMasterKeyForTests } from '../secrets/master-key';
import { createTestCatalog, type TestCatalog } from '../testing/catalog-fixture';
import { startMailReceiver, startWebhookReceiver, type MailReceiver, type WebhookReceiver } from '../testing/notification-receivers';
import { createChannel } from './create-channel';
import { deliverNotifications, maxAttempts } from './deliver-notifications';
import { listChannels } from './list-channels';
import { listDeliveries } from './list-deliveries';
import { sendTestNotification } from './send-test-notification';
import { signatureHeader, timestampHeader, verifyWebhookSignature } from './sign-webhook';
import { updateChannel } from './update-channel';

// Notifications reach a real SMTP server (smtp-server, with a login) and a real HTTP receiver
// that checks the HMAC signature; digests, retries with backoff, giving up, and a failing
// channel's own alert going out through the other channel. Clocks are passed in, not waited.

let catalog: TestCatalog;
let ctx: Ctx;
let root: string;
let webhook: WebhookReceiver;
let mail: MailReceiver;
const smtpLogin = { username: 'cellar', password: 'mail-password-1' };
const T = new Date('2026-12-06T12:00:00Z');
const at = (seconds: number) => new Date(T.getTime() + seconds * 1000);

beforeAll(async () => {
  setMasterKeyForTests(randomBytes(32).toString('hex'));
  catalog = await createTestCatalog();
  ctx = { db: catalog.db, actor: { ...systemActor, type: 'user', name: 'alice' }, requestId: randomUUID(), log: pino({ level: 'silent' }) };
  root = await mkdtemp(path.join(os.tmpdir(), 'cellar-notify-repo-'));
  [webhook, mail] = await Promise.all([startWebhookReceiver(), startMailReceiver(smtpLogin)]);
});
afterAll(async () => {
  await Promise.allSettled([webhook.close(), mail.close(), catalog.drop(), rm(root, { recursive: true, force: true })]);
  setMasterKeyForTests(undefined);
});
afterEach(async () => {
  // Each case starts with no channels, no alerts and empty receivers.
  await catalog.db.notificationChannel.deleteMany({});
  await catalog.db.alert.deleteMany({});
  await catalog.db.server.deleteMany({});
  webhook.requests.length = 0;
  webhook.answers.length = 0;
  mail.messages.length = 0;
});

const evaluate = (now: Date) => evaluateAlerts({ ctx, input: { now, repositoryRoot: root } });
const deliver = (now: Date) => deliverNotifications({ ctx, input: { now } });
/** A server without any backup and a maximum age: its backup_age alert is critical at once. */
const addUnbackedServer = (name: string) => catalog.db.server.create({ data: { name, conninfo: 'host=127.0.0.1 port=1', lastBackupMaximumAge: '1 day' } });
const addWebhook = (extra: object = {}) => createChannel({ ctx, input: { kind: 'webhook', name: 'pager hook', url: webhook.url, digestSeconds: 60, ...extra } });
const addEmail = (extra: object = {}) =>
  createChannel({ ctx, input: { kind: 'email', name: 'ops mail', host: '127.0.0.1', port: mail.port, tls: 'none', username: smtpLogin.username, password: smtpLogin.password, from: 'cellar@example.com', to: ['ops@example.com', 'dba@example.com'], digestSeconds: 60, ...extra } });

describe('notifications', () => {
  it('sends one signed webhook and one email for what opened within the digest window', async () => {
    const hook = await addWebhook();
    await addEmail();
    expect(hook.signingSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await catalog.db.notificationChannel.findMany();
    for (const row of rows) expect(row.secret).toMatch(/^v1:/);
    expect(JSON.stringify(rows)).not.toContain(smtpLogin.password);
    expect(JSON.stringify(rows)).not.toContain(hook.signingSecret);

    await addUnbackedServer('db1');
    await addUnbackedServer('db2');
    expect(await evaluate(T)).toMatchObject({ opened: 2, notifications: 4 });
    expect(await deliver(at(30))).toMatchObject({ sent: 0 });
    expect(webhook.requests).toHaveLength(0);
    expect(await deliver(at(61))).toMatchObject({ channels: 2, sent: 4 });

    expect(webhook.requests).toHaveLength(1);
    const [request] = webhook.requests;
    const headers = { timestamp: request?.headers[timestampHeader] as string, signature: request?.headers[signatureHeader] as string };
    expect(verifyWebhookSignature(hook.signingSecret ?? '', headers, request?.body ?? '', { now: at(61) })).toBe(true);
    expect(verifyWebhookSignature('another secret of 32 characters.', headers, request?.body ?? '', { now: at(61) })).toBe(false);
    expect(verifyWebhookSignature(hook.signingSecret ?? '', headers, (request?.body ?? '').replace('db1', 'dbX'), { now: at(61) })).toBe(false);
    expect(verifyWebhookSignature(hook.signingSecret ?? '', headers, request?.body ?? '', { now: at(61 + 3600) })).toBe(false);
    const payload = JSON.parse(request?.body ?? '{}') as { type: string; summary: string; events: { event: string; alert: { rule: string; serverName: string; severity: string } }[] };
    expect(payload).toMatchObject({ type: 'alerts', summary: '2 alerts opened (2 critical)' });
    expect(payload.events.map((e) => [e.event, e.alert.rule, e.alert.serverName, e.alert.severity])).toEqual([
      ['opened', 'backup_age', 'db1', 'critical'],
      ['opened', 'backup_age', 'db2', 'critical'],
    ]);

    expect(mail.messages).toHaveLength(1);
    expect(mail.messages[0]).toMatchObject({ from: 'cellar@example.com', to: ['ops@example.com', 'dba@example.com'], user: 'cellar', subject: '[Cellar] 2 alerts opened (2 critical)' });
    expect(mail.messages[0]?.text).toContain('OPENED · CRITICAL · Backup too old: db1');
    expect(mail.messages[0]?.text).toContain('No backup of db2 yet');
    const deliveries = await listDeliveries({ ctx, input: {} });
    expect(new Set(deliveries.map((d) => d.status))).toEqual(new Set(['sent']));
    expect(new Set(deliveries.filter((d) => d.channelName === 'ops mail').map((d) => d.batchId)).size).toBe(1);

    // Resolutions are news too: one event, one message per channel, with the reason.
    await catalog.db.server.update({ where: { name: 'db2' }, data: { lastBackupMaximumAge: null } });
    expect(await evaluate(at(120))).toMatchObject({ resolved: 1, notifications: 2 });
    await deliver(at(181));
    expect(mail.messages[1]?.subject).toBe('[Cellar] RESOLVED: Backup too old: db2');
    expect(mail.messages[1]?.text).toContain('(condition cleared)');
    expect(JSON.parse(webhook.requests[1]?.body ?? '{}')).toMatchObject({ summary: '1 alert resolved', events: [{ event: 'resolved', alert: { resolution: 'condition cleared' } }] });
  });

  it('routes by severity and rule, and leaves resolutions out when asked', async () => {
    await addWebhook({ minSeverity: 'critical', ruleKinds: ['repository_free_space'], notifyResolved: false });
    await addEmail({ minSeverity: 'info' });
    await updateAlertRule({ ctx, input: { kind: 'repository_free_space', severity: 'warning', params: { minFreePercent: 100 } } });
    await addUnbackedServer('db1');
    await evaluate(T);
    const queued = await listDeliveries({ ctx, input: { status: 'pending' } });
    // The webhook wants critical repository alerts only: the warning and the backup_age alert are not for it.
    expect(queued.map((d) => [d.channelName, d.alertTitle]).sort()).toEqual([
      ['ops mail', 'Backup too old: db1'],
      ['ops mail', 'Repository almost full: repository'],
    ]);
    await updateAlertRule({ ctx, input: { kind: 'repository_free_space', severity: 'critical' } });
    await evaluate(at(10));
    await updateAlertRule({ ctx, input: { kind: 'repository_free_space', params: { minFreePercent: 0 } } });
    await evaluate(at(20));
    const all = await listDeliveries({ ctx, input: {} });
    expect(all.filter((d) => d.channelName === 'pager hook')).toEqual([]);
    expect(all.filter((d) => d.channelName === 'ops mail').map((d) => d.event)).toEqual(['resolved', 'opened', 'opened']);
    await updateAlertRule({ ctx, input: { kind: 'repository_free_space', params: { minFreePercent: 10 }, severity: 'critical' } });
  });

  it('retries a failing webhook with backoff, shows its failure, and alerts through the other channel', async () => {
    const hook = await addWebhook();
    await addEmail({ ruleKinds: ['channel_failing'] });
    await addUnbackedServer('db1');
    webhook.answers.push(500, 500);
    await evaluate(T);
    expect(await deliver(at(61))).toMatchObject({ retrying: 1 });
    let [view] = (await listChannels({ ctx })).filter((c) => c.kind === 'webhook');
    expect(view).toMatchObject({ healthy: false, consecutiveFailures: 1, pendingDeliveries: 1 });
    expect(view?.lastError).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/… answered HTTP 500: receiver is down for maintenance$/);
    const [pending] = await listDeliveries({ ctx, input: { status: 'pending' } });
    expect(pending).toMatchObject({ attempts: 1, nextAttemptAt: at(91).toISOString() });

    // The failure is an alert of its own, sent through the mail channel, never through itself.
    expect(await evaluate(at(62))).toMatchObject({ opened: 1, notifications: 1 });
    const [failing] = await catalog.db.alert.findMany({ where: { ruleKind: 'channel_failing', resolvedAt: null } });
    expect(failing?.summary).toMatch(/Notifications through "pager hook" are failing \(1 attempt in a row\): POST .* HTTP 500/);

    expect(await deliver(at(80))).toMatchObject({ channels: 0 });
    expect(await deliver(at(92))).toMatchObject({ retrying: 1 });
    expect((await listDeliveries({ ctx, input: { status: 'pending', channel: hook.channel.id } }))[0]?.nextAttemptAt).toBe(at(152).toISOString());
    expect(await deliver(at(153))).toMatchObject({ sent: 2 });
    expect(webhook.requests).toHaveLength(3);
    expect((await listDeliveries({ ctx, input: { channel: hook.channel.id } }))[0]).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(mail.messages.map((m) => m.subject)).toEqual(['[Cellar] WARNING: Notification channel failing: channel pager hook']);
    [view] = (await listChannels({ ctx })).filter((c) => c.kind === 'webhook');
    expect(view).toMatchObject({ healthy: true, consecutiveFailures: 0 });
    expect(await evaluate(at(160))).toMatchObject({ resolved: 1 });
  });

  it(`gives up after ${maxAttempts} attempts and keeps the last error`, async () => {
    await addWebhook({ digestSeconds: 0 });
    await addUnbackedServer('db1');
    webhook.answers.push(...Array<number>(maxAttempts).fill(503));
    await evaluate(T);
    let now = T;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const [next] = await listDeliveries({ ctx, input: { status: 'pending' } });
      now = new Date(next?.nextAttemptAt ?? now);
      await deliver(now);
    }
    const [gaveUp] = await listDeliveries({ ctx, input: {} });
    expect(gaveUp).toMatchObject({ status: 'failed', attempts: maxAttempts });
    expect(gaveUp?.lastError).toMatch(/HTTP 503/);
    expect(webhook.requests).toHaveLength(maxAttempts);
    expect(await deliver(new Date(now.getTime() + 86_400_000))).toMatchObject({ channels: 0 });
  });

  it('"send test" delivers now, and a wrong SMTP password shows as the channel’s failure', async () => {
    const hook = await addWebhook();
    const email = await addEmail();
    expect(await sendTestNotification({ ctx, input: { id: hook.channel.id } })).toMatchObject({ ok: true, detail: 'HTTP 200' });
    const body = JSON.parse(webhook.requests[0]?.body ?? '{}') as { type: string; events: unknown[] };
    expect(body).toMatchObject({ type: 'test', events: [] });
    expect(await sendTestNotification({ ctx, input: { id: email.channel.id } })).toMatchObject({ ok: true });
    expect(mail.messages[0]).toMatchObject({ subject: '[Cellar] Test notification (ops mail)' });
    expect(mail.messages[0]?.text).toContain('sent by alice');

    await updateChannel({ ctx, input: { id: email.channel.id, password: 'wrong-password' } });
    const failed = await sendTestNotification({ ctx, input: { id: email.channel.id } });
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(/^SMTP 127\.0\.0\.1:\d+: .*(Invalid login|535)/);
    const [view] = (await listChannels({ ctx })).filter((c) => c.kind === 'email');
    expect(view).toMatchObject({ healthy: false, lastError: failed.error });
    const audit = await catalog.db.auditEvent.findMany({ where: { action: 'notification.channel.test' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.outcome)).toEqual(['success', 'success', 'failure']);
    const everything = await catalog.db.auditEvent.findMany({ select: { action: true, details: true } });
    expect(everything.find((a) => a.action === 'notification.channel.update')?.details).toMatchObject({ changed: ['password'] });
    expect(JSON.stringify(everything)).not.toMatch(/wrong-password|mail-password-1/);
  });

  it('rotates a webhook secret (shown once) and refuses settings of the other kind', async () => {
    const hook = await addWebhook();
    const rotated = await updateChannel({ ctx, input: { id: hook.channel.id, rotateSecret: true } });
    expect(rotated.signingSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.signingSecret).not.toBe(hook.signingSecret);
    await sendTestNotification({ ctx, input: { id: hook.channel.id } });
    const [request] = webhook.requests;
    const headers = { timestamp: request?.headers[timestampHeader] as string, signature: request?.headers[signatureHeader] as string };
    expect(verifyWebhookSignature(rotated.signingSecret ?? '', headers, request?.body ?? '')).toBe(true);
    expect(verifyWebhookSignature(hook.signingSecret ?? '', headers, request?.body ?? '')).toBe(false);
    await expect(updateChannel({ ctx, input: { id: hook.channel.id, host: 'smtp.example.com' } })).rejects.toThrow(/A webhook channel has no host/);
    await addEmail();
    await expect(updateChannel({ ctx, input: { id: hook.channel.id, name: 'ops mail' } })).rejects.toThrow(/exists/);
    await expect(createChannel({ ctx, input: { kind: 'webhook', name: 'x', url: 'ftp://example.com/' } })).rejects.toThrow();
  });
});
