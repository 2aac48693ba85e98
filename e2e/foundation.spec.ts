import { expect, test, type Page } from '@playwright/test';
import { readStack } from './support/stack';

const stack = readStack();
test.use({ baseURL: stack.baseURL });

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

test('an admin adds a server, runs its checks and sees each result with its hint', async ({ page }) => {
  await signIn(page, stack.admin.username, stack.admin.password);
  await page.goto('/servers/new');
  await page.getByLabel('Name', { exact: true }).fill('pg15');
  await page.getByLabel('Conninfo', { exact: true }).fill(stack.target.conninfo);
  await page.getByLabel('Retention policy').fill('RECOVERY WINDOW OF 2 WEEKS');
  await page.getByRole('button', { name: 'Add server' }).click();
  await expect(page).toHaveURL(/\/servers\/pg15$/);

  await page.getByRole('button', { name: 'Run checks' }).click();
  const results = page.getByRole('table', { name: /latest check results/i });
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(results.getByRole('row', { name: /PostgreSQL\b.*OK/ }).first()).toBeVisible();
  await expect(results.getByRole('row', { name: /wal_level.*OK/ })).toBeVisible();
  // The harness server has no WAL streaming entry for Cellar's slot-less streaming: its hint must say what to do.
  await expect(results.getByRole('row', { name: /retention policy settings.*OK/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/server-checks.png', fullPage: true });
});

test('bad conninfo and a malformed retention policy get field errors', async ({ page }) => {
  await signIn(page, stack.admin.username, stack.admin.password);
  await page.goto('/servers/new');
  await page.getByLabel('Name', { exact: true }).fill('broken');
  await page.getByLabel('Conninfo', { exact: true }).fill('hots=db1 usr=x');
  await page.getByLabel('Retention policy').fill('KEEP 3 PLEASE');
  await page.getByRole('button', { name: 'Add server' }).click();
  await expect(page.getByLabel('Retention policy')).toHaveAccessibleDescription(/REDUNDANCY n/);
  await expect(page.getByLabel('Conninfo', { exact: true })).toHaveAccessibleDescription(/hots|keyword|not valid/i);
  await expect(page).toHaveURL(/\/servers\/new$/);
  await page.screenshot({ path: 'test-results/screens/server-form-errors.png', fullPage: true });
});

test('a viewer sees servers but cannot add or edit: no button, and 403 from the API', async ({ page, browser }) => {
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
  await expect(viewerPage.getByRole('link', { name: 'pg15' })).toBeVisible();
  await expect(viewerPage.getByRole('link', { name: 'Add server' })).toHaveCount(0);
  await expect(viewerPage.getByRole('button', { name: 'Add server' })).toHaveCount(0);
  await viewerPage.goto('/servers/pg15');
  await expect(viewerPage.getByRole('button', { name: 'Run checks' })).toHaveCount(0);

  const post = await viewerPage.request.post('/api/servers', { data: { name: 'sneaky', conninfo: 'host=x' }, headers: { origin: stack.baseURL } });
  expect(post.status()).toBe(403);
  const patch = await viewerPage.request.patch('/api/servers/pg15', { data: { description: 'changed' }, headers: { origin: stack.baseURL } });
  expect(patch.status()).toBe(403);
  await viewer.close();
});
