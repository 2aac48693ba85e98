import { expect, test } from '@playwright/test';
import { signIn } from './support/console';
import { readStack } from './support/stack';

const stack = readStack();
test.use({ baseURL: stack.baseURL });

test('an admin adds a server, runs its checks and sees each result with its hint', async ({ page }) => {
  await signIn(page, stack.admin.username, stack.admin.password);
  await page.goto('/servers/new');
  await page.getByLabel('Name', { exact: true }).fill('pg15');
  await page.getByLabel('Conninfo', { exact: true }).fill(stack.target.conninfo);
  await page.getByLabel('Retention policy').fill('RECOVERY WINDOW OF 2 WEEKS');
  await page.getByRole('button', { name: 'Add server' }).click();
  await expect(page).toHaveURL(/\/servers\/pg15$/);

  await page.getByRole('link', { name: 'Checks' }).click();
  await expect(page).toHaveURL(/\/servers\/pg15\/checks$/);
  await page.getByRole('button', { name: 'Run checks' }).click();
  const results = page.getByRole('table', { name: /latest check results/i });
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(results.getByRole('row', { name: /PostgreSQL\b.*OK/ }).first()).toBeVisible();
  await expect(results.getByRole('row', { name: /wal_level.*OK/ })).toBeVisible();
  // The harness server has no WAL streaming entry for Cellar's slot-less streaming: its hint must say what to do.
  await expect(results.getByRole('row', { name: /retention policy settings.*OK/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/server-checks.png', fullPage: true });

  await page.goto('/');
  await expect(
    page.getByRole('table', { name: /Servers/ }).getByRole('link', { name: 'pg15' }),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/fleet-dashboard.png', fullPage: true });
  await page.goto('/jobs');
  await expect(page.getByRole('link', { name: 'server.check' }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/jobs.png', fullPage: true });
});

test('bad conninfo and a malformed retention policy get field errors', async ({ page }) => {
  await signIn(page, stack.admin.username, stack.admin.password);
  await page.goto('/servers/new');
  await page.getByLabel('Name', { exact: true }).fill('broken');
  await page.getByLabel('Conninfo', { exact: true }).fill('hots=db1 usr=x');
  await page.getByLabel('Retention policy').fill('KEEP 3 PLEASE');
  await page.getByRole('button', { name: 'Add server' }).click();
  await expect(page.getByLabel('Retention policy')).toHaveAccessibleDescription(/REDUNDANCY n/);
  await expect(page.getByLabel('Conninfo', { exact: true })).toHaveAccessibleDescription(
    /hots|keyword|not valid/i,
  );
  await expect(page).toHaveURL(/\/servers\/new$/);
  await page.screenshot({ path: 'test-results/screens/server-form-errors.png', fullPage: true });
});

test('a viewer sees servers but cannot add or edit: no button, and 403 from the API', async ({
  page,
  browser,
}) => {
  await signIn(page, stack.admin.username, stack.admin.password);
  const created = await page.request.post('/api/users', {
    data: { username: 'vera', password: 'viewer-password-1', role: 'viewer', mustChangePassword: false },
    headers: { origin: stack.baseURL },
  });
  expect(created.status()).toBe(201);

  const viewer = await browser.newContext({ baseURL: stack.baseURL });
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage, 'vera', 'viewer-password-1');
  await viewerPage.goto('/');
  await expect(
    viewerPage.getByRole('table', { name: /Servers/ }).getByRole('link', { name: 'pg15' }),
  ).toBeVisible();
  await expect(viewerPage.getByRole('link', { name: 'Add server' })).toHaveCount(0);
  await expect(viewerPage.getByRole('button', { name: 'Add server' })).toHaveCount(0);
  for (const section of ['', '/checks']) {
    await viewerPage.goto(`/servers/pg15${section}`);
    await expect(viewerPage.getByRole('heading', { level: 1, name: 'pg15' })).toBeVisible();
    await expect(viewerPage.getByRole('button', { name: 'Run checks' })).toHaveCount(0);
  }

  const post = await viewerPage.request.post('/api/servers', {
    data: { name: 'sneaky', conninfo: 'host=x' },
    headers: { origin: stack.baseURL },
  });
  expect(post.status()).toBe(403);
  const patch = await viewerPage.request.patch('/api/servers/pg15', {
    data: { description: 'changed' },
    headers: { origin: stack.baseURL },
  });
  expect(patch.status()).toBe(403);
  await viewer.close();

  const denied = await page.request.get('/api/audit?outcome=denied&actor=vera');
  const { events } = (await denied.json()) as {
    events: { actorName: string; action: string; ip: string | null }[];
  };
  expect(events.map((e) => e.action)).toEqual(
    expect.arrayContaining(['POST /api/servers', 'PATCH /api/servers/pg15']),
  );
  expect(events[0]?.ip).toBe('127.0.0.1');
});

test('a temporary password is good for choosing a new one and nothing else', async ({ page, playwright }) => {
  await signIn(page, stack.admin.username, stack.admin.password);
  const created = await page.request.post('/api/users', {
    data: { username: 'tess', password: 'temporary-password-1', role: 'operator' },
    headers: { origin: stack.baseURL },
  });
  expect(created.status()).toBe(201);

  const tess = await playwright.request.newContext({ baseURL: stack.baseURL });
  expect(
    (
      await tess.post('/api/auth/login', { data: { username: 'tess', password: 'temporary-password-1' } })
    ).status(),
  ).toBe(200);
  const blocked = await tess.get('/api/servers');
  expect(blocked.status()).toBe(403);
  expect(((await blocked.json()) as { error: { message: string } }).error.message).toMatch(/new password/);
  const changed = await tess.post('/api/auth/password', {
    data: { currentPassword: 'temporary-password-1', newPassword: 'tess-own-password-2' },
  });
  expect(changed.status()).toBe(200);
  expect((await tess.get('/api/servers')).status()).toBe(200);
  await tess.dispose();
});
