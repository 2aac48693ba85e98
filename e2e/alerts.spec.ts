import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { verifyWebhookSignature } from '../server/notifications/sign-webhook';
import { screens, signIn } from './support/console';
import { readStack } from './support/stack';

const stack = readStack();
test.use({ baseURL: stack.baseURL });

// Its own server and users: the specs share one stack.
const server = 'alerting';
const origin = { origin: stack.baseURL };

/** A port nothing listens on (a moment ago something did, so it is not one fetch blocks). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

test('a check run opens an alert that shows in the badge; an operator acknowledges it with a comment', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, stack.admin.username, stack.admin.password);
  const created = await page.request.post('/api/servers', {
    data: { name: server, conninfo: stack.target.conninfo, lastBackupMaximumAge: '1 day' },
    headers: origin,
  });
  expect(created.status()).toBe(201);
  // The worker evaluates the server's alerts when the check run finishes: no backup yet is too old.
  await page.goto(`/servers/${server}`);
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByRole('heading', { name: /^Open alerts \(\d+\)$/ })).toBeVisible({ timeout: 45_000 });
  await expect(
    page.getByRole('table', { name: `Open alerts of ${server}` }).getByText(`Backup too old: ${server}`),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: /^Alerts \d+ unacknowledged alerts$/ })).toBeVisible();

  await page.goto(`/alerts?server=${server}`);
  const critical = page.getByRole('table', { name: 'Critical alerts' });
  await expect(critical.getByText(`Backup too old: ${server}`)).toBeVisible();
  await screens(page, 'alerts-open');
  await critical.getByRole('button', { name: `Acknowledge Backup too old: ${server}` }).click();
  const dialog = page.getByRole('dialog', { name: `Acknowledge: Backup too old: ${server}` });
  await dialog.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(dialog.getByLabel('Comment')).toHaveAccessibleDescription(/Say why it is acknowledged/);
  await dialog.getByLabel('Comment').fill('first backup is scheduled tonight');
  await dialog.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Acknowledged' }).click();
  await expect(page.getByText('“first backup is scheduled tonight”')).toBeVisible();
  await screens(page, 'alerts-acknowledged');
  const audit = await page.request.get('/api/audit?action=alert.acknowledge');
  const { events } = (await audit.json()) as { events: { details: { comment?: string } | null }[] };
  expect(events.some((e) => e.details?.comment === 'first backup is scheduled tonight')).toBe(true);
});

test('an admin adds a signed webhook channel, sends a test, and sees a broken channel fail', async ({
  page,
}) => {
  const received: { body: string; headers: Record<string, string | string[] | undefined> }[] = [];
  const receiver: HttpServer = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ body, headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cellar`;
  try {
    await signIn(page, stack.admin.username, stack.admin.password);
    await page.goto('/settings/notifications');
    const form = page.getByRole('form', { name: 'Add a notification channel' });
    await form.getByLabel('Channel name').fill('pager');
    await form.getByLabel('Webhook URL').fill(url);
    await form.getByRole('button', { name: 'Add channel' }).click();
    const revealed = page.getByLabel('New signing secret value');
    await expect(revealed).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
    const secret = await revealed.inputValue();
    await page.getByRole('button', { name: 'I have stored it' }).click();

    await page.getByRole('button', { name: 'Send test through pager' }).click();
    await expect(page.getByText(/^Test sent \(HTTP 204, \d+ ms\)\.$/)).toBeVisible();
    expect(received).toHaveLength(1);
    const [request] = received;
    const signed = {
      timestamp: request?.headers['x-cellar-timestamp'] as string,
      signature: request?.headers['x-cellar-signature'] as string,
    };
    expect(verifyWebhookSignature(secret, signed, request?.body ?? '')).toBe(true);

    await form.getByLabel('Channel name').fill('broken');
    const closed = await closedPort();
    await form.getByLabel('Webhook URL').fill(`http://127.0.0.1:${closed}/nowhere`);
    await form.getByRole('button', { name: 'Add channel' }).click();
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('button', { name: 'Send test through broken' }).click();
    await expect(
      page.getByText(
        `Test failed: POST http://127.0.0.1:${closed}/… failed: ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:${closed})`,
      ),
    ).toBeVisible();
    const row = page.getByRole('row', { name: /broken/ });
    await expect(row.getByText('failing')).toBeVisible();
    await screens(page, 'notification-channels');

    await page.goto('/settings/alert-rules');
    const rule = page.getByRole('listitem', { name: 'Repository almost full' });
    await rule.getByLabel('Minimum free space (%)').fill('150');
    await rule.getByRole('button', { name: 'Save Repository almost full' }).click();
    await expect(rule.getByLabel('Minimum free space (%)')).toHaveAccessibleDescription(/at most 100 %/);
    await rule.getByLabel('Minimum free space (%)').fill('5');
    await rule.getByRole('button', { name: 'Save Repository almost full' }).click();
    await expect(
      page.getByRole('listitem', { name: 'Repository almost full' }).getByLabel('Minimum free space (%)'),
    ).toHaveValue('5');
    await screens(page, 'alert-rules');

    // Deleting a channel asks first; the other specs share the stack, so none is left behind.
    await page.goto('/settings/notifications');
    for (const name of ['broken', 'pager']) {
      await page.getByRole('button', { name: `Delete ${name}` }).click();
      await page
        .getByRole('dialog', { name: `Delete the channel ${name}?` })
        .getByRole('button', { name: 'Delete channel' })
        .click();
      await expect(page.getByRole('row', { name: new RegExp(`^${name} `) })).toHaveCount(0);
    }
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});

test('a viewer reads alerts but cannot acknowledge or see channels; /metrics answers a viewer token', async ({
  page,
  browser,
}) => {
  await signIn(page, stack.admin.username, stack.admin.password);
  const user = await page.request.post('/api/users', {
    data: { username: 'wendy', password: 'viewer-password-2', role: 'viewer', mustChangePassword: false },
    headers: origin,
  });
  expect(user.status()).toBe(201);
  const viewer = await browser.newContext({ baseURL: stack.baseURL });
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage, 'wendy', 'viewer-password-2');
  await viewerPage.goto('/alerts');
  await expect(viewerPage.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
  await expect(viewerPage.getByRole('button', { name: /^Acknowledge / })).toHaveCount(0);
  await viewerPage.goto('/settings');
  await expect(viewerPage.getByRole('link', { name: 'Notifications' })).toHaveCount(0);
  expect((await viewerPage.request.get('/api/notifications/channels')).status()).toBe(403);
  const open = (await (await viewerPage.request.get('/api/alerts?state=open')).json()) as {
    alerts: { id: string }[];
  };
  if (open.alerts[0])
    expect(
      (
        await viewerPage.request.post(`/api/alerts/${open.alerts[0].id}/acknowledge`, {
          data: { comment: 'x' },
          headers: origin,
        })
      ).status(),
    ).toBe(403);

  const token = (await (
    await viewerPage.request.post('/api/tokens', {
      data: { name: 'prometheus', role: 'viewer' },
      headers: origin,
    })
  ).json()) as { token: string };
  await viewer.close();
  const anonymous = await browser.newContext({ baseURL: stack.baseURL });
  expect((await anonymous.request.get('/metrics')).status()).toBe(401);
  const metrics = await anonymous.request.get('/metrics', {
    headers: { authorization: `Bearer ${token.token}` },
  });
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toMatch(/^cellar_alerts_open\{severity="critical"\} [1-9]\d*$/m);
  await anonymous.close();
  // Leave the shared target cluster to the other specs ("back up all" takes every enabled server).
  expect(
    (
      await page.request.patch(`/api/servers/${server}`, { data: { enabled: false }, headers: origin })
    ).status(),
  ).toBe(200);
});
