import { expect, test, type Locator, type Page } from '@playwright/test';
import { screens, signIn } from './support/console';
import { readStack } from './support/stack';

const stack = readStack();
test.use({ baseURL: stack.baseURL });

// Its own server and users: the specs share one stack, and foundation.spec.ts registers pg15.
const server = 'shop';
const origin = { origin: stack.baseURL };

/** The value beside a label in a show-backup group (<dt>label</dt><dd>value</dd>). */
function fact(page: Page, label: string): Locator {
  return page
    .locator('dt')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

test('an operator backs up a server, inspects, verifies, keeps and deletes the backup', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, stack.admin.username, stack.admin.password);
  const created = await page.request.post('/api/servers', {
    data: { name: server, conninfo: stack.target.conninfo },
    headers: origin,
  });
  expect(created.status()).toBe(201);

  await page.goto(`/servers/${server}/backups`);
  const backups = page.getByRole('region', { name: 'Backups' });
  await expect(backups.getByText('No backups yet')).toBeVisible();

  // A rate limit PostgreSQL refuses is caught beside its field, before anything is sent.
  await page.getByRole('button', { name: 'Back up now' }).click();
  const form = page.getByRole('form', { name: 'Back up now' });
  await form.getByLabel('Rate limit (kB/s)').fill('10');
  await form.getByRole('button', { name: 'Start backup' }).click();
  await expect(form.getByLabel('Rate limit (kB/s)')).toHaveAccessibleDescription(/at least 32 kB\/s/);
  await screens(page, 'backup-form-error');

  // Slow enough (4 MiB/s) to watch it move; the page is never reloaded.
  await form.getByLabel('Rate limit (kB/s)').fill('4096');
  await form.getByLabel('Name').fill('first-e2e');
  await form.getByRole('button', { name: 'Start backup' }).click();
  const run = page.getByRole('region', { name: 'Backup run' });
  await expect(run).toBeVisible();
  await expect(run.getByRole('progressbar')).toBeVisible({ timeout: 30_000 });
  await expect(backups.getByRole('row', { name: /STARTED/ })).toBeVisible();
  await screens(page, 'backup-running');

  // A second backup while one runs: 409, said plainly, with the way to the running job.
  await page.getByRole('button', { name: 'Back up now' }).click();
  await form.getByRole('button', { name: 'Start backup' }).click();
  await expect(form.getByText(/already in progress/)).toBeVisible();
  await expect(form.getByRole('link', { name: /running backup's job/ })).toBeVisible();
  await form.getByRole('button', { name: 'Cancel' }).click();

  await expect(run.getByText(/is DONE/)).toBeVisible({ timeout: 90_000 });
  const row = backups.getByRole('row', { name: /first-e2e/ });
  await expect(row.getByText('DONE', { exact: true })).toBeVisible();
  const backupId = (await row.getByRole('link', { name: /^\d{8}T\d{6}$/ }).textContent()) ?? '';
  expect(backupId).toMatch(/^\d{8}T\d{6}$/);

  // The API's own 422 (a name the server already has) lands beside the Name field.
  await page.getByRole('button', { name: 'Back up now' }).click();
  await form.getByLabel('Name').fill('first-e2e');
  await form.getByRole('button', { name: 'Start backup' }).click();
  await expect(form.getByLabel('Name')).toHaveAccessibleDescription(/already has a backup named "first-e2e"/);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await screens(page, 'backups-list');

  await row.getByRole('link', { name: backupId }).click();
  await expect(page).toHaveURL(new RegExp(`/servers/${server}/backups/${backupId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(backupId);
  await expect(fact(page, 'Status')).toHaveText('DONE');
  await expect(fact(page, 'Compression')).toHaveText(/^zstd/);
  await expect(fact(page, 'Backup size')).toHaveText(/\d+(\.\d+)? (KiB|MiB|GiB) \(.+ with WALs\)/);
  await expect(fact(page, 'Begin WAL')).toHaveText(/^[0-9A-F]{24}$/);
  await expect(fact(page, 'Previous backup')).toContainText('this is the oldest backup');

  await page.getByLabel('Search files').fill('PG_VERSION');
  const files = page.getByRole('table', { name: /files in this backup/i });
  await expect(files.getByRole('cell', { name: 'PG_VERSION', exact: true })).toBeVisible();
  await expect(files.getByRole('cell', { name: 'global/pg_control' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Verify' }).click();
  const verification = page.getByRole('region', { name: 'Verification' });
  await expect(verification.getByText(/verified: \d+ files match the manifest/)).toBeVisible({
    timeout: 60_000,
  });
  await expect(fact(page, 'Verification')).toContainText('verified');

  await page.getByRole('button', { name: 'Keep…' }).click();
  await page.getByRole('button', { name: 'Keep full' }).click();
  await expect(fact(page, 'Keep')).toHaveText('KEEP:FULL');
  await screens(page, 'backup-page');

  await page.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete backup ${backupId}?` });
  await expect(dialog).toContainText('This cannot be undone.');
  await dialog.getByRole('button', { name: 'Delete backup' }).click();
  await expect(dialog.getByRole('alert')).toContainText(`Backup ${backupId} is kept (full)`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Release' }).click();
  await expect(fact(page, 'Keep')).toHaveText('not kept');
  await page.getByRole('button', { name: 'Delete…' }).click();
  await dialog.getByRole('button', { name: 'Delete backup' }).click();
  await expect(page).toHaveURL(new RegExp(`/servers/${server}/backups$`));
  await expect(page.getByRole('link', { name: backupId })).toHaveCount(0);
  await expect(backups.getByText('No backups yet')).toBeVisible();

  await page.goto('/jobs?kind=backup.verify');
  await expect(page.getByRole('link', { name: 'backup.verify' }).first()).toBeVisible();
  await page.goto('/jobs');
  await expect(page.getByRole('link', { name: 'backup.run' }).first()).toBeVisible();
  await screens(page, 'jobs-backups');
});

test('"Back up all" reports what it started and skipped; a viewer sees backups but cannot change them', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, stack.admin.username, stack.admin.password);
  // The ssh method is not built yet: "back up all" must skip this server and say why.
  const legacy = await page.request.post('/api/servers', {
    data: {
      name: 'legacy',
      conninfo: stack.target.conninfo,
      backupMethod: 'ssh',
      sshTarget: 'postgres@127.0.0.1',
    },
    headers: origin,
  });
  expect(legacy.status()).toBe(201);
  await page.goto('/');
  await page.getByRole('button', { name: 'Back up all' }).click();
  await page
    .getByRole('dialog', { name: 'Back up every enabled server?' })
    .getByRole('button', { name: 'Start backups' })
    .click();
  const report = page.getByRole('status').filter({ hasText: /Started \d+ backups?/ });
  await expect(report).toContainText(`${server}: follow the job`);
  await expect(report).toContainText(/legacy skipped: .*ssh backup method/);
  await screens(page, 'fleet-back-up-all');
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/api/servers/${server}/backups?status=DONE`);
        return ((await res.json()) as { backups: unknown[] }).backups.length;
      },
      { timeout: 90_000 },
    )
    .toBe(1);
  expect((await page.request.delete('/api/servers/legacy', { headers: origin })).status()).toBe(200);

  const user = await page.request.post('/api/users', {
    data: { username: 'vic', password: 'viewer-password-2', role: 'viewer', mustChangePassword: false },
    headers: origin,
  });
  expect(user.status()).toBe(201);

  const viewer = await browser.newContext({ baseURL: stack.baseURL });
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage, 'vic', 'viewer-password-2');
  await viewerPage.goto(`/servers/${server}/backups`);
  const list = viewerPage.getByRole('table', { name: /backups, newest first/i });
  await expect(list.getByRole('row', { name: /DONE/ })).toHaveCount(1);
  await expect(viewerPage.getByRole('button', { name: 'Back up now' })).toHaveCount(0);

  await list.getByRole('link', { name: /^\d{8}T\d{6}$/ }).click();
  await expect(fact(viewerPage, 'Status')).toHaveText('DONE');
  for (const name of ['Verify', 'Keep…', 'Release', 'Delete…'])
    await expect(viewerPage.getByRole('button', { name })).toHaveCount(0);

  await viewerPage.goto('/');
  await expect(
    viewerPage.getByRole('table', { name: /Servers/ }).getByRole('link', { name: server }),
  ).toBeVisible();
  await expect(viewerPage.getByRole('button', { name: 'Back up all' })).toHaveCount(0);

  const post = await viewerPage.request.post(`/api/servers/${server}/backups`, { data: {}, headers: origin });
  expect(post.status()).toBe(403);
  const all = await viewerPage.request.post('/api/backups', { data: {}, headers: origin });
  expect(all.status()).toBe(403);
  await viewer.close();
});
