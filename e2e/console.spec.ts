import { expect, test } from '@playwright/test';
import { startPostgres, type PostgresServer } from '../server/testing/postgres-server';
import { runToEnd, screens, signIn } from './support/console';
import { layOutLongHistory } from './support/long-history';
import { readStack } from './support/stack';

const stack = readStack();
test.use({ baseURL: stack.baseURL });
const origin = stack.baseURL;

test.describe('the fleet dashboard', () => {
  let victim: PostgresServer;
  test.beforeAll(async () => {
    victim = await startPostgres({
      major: 15,
      settings: { archive_mode: 'on', archive_command: '/bin/true' },
    });
  });
  test.afterAll(() => victim?.destroy());

  test("turns red when a server's checks fail, without a reload, and calms down once they pass", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page, stack.admin.username, stack.admin.password);
    expect(
      (
        await page.request.post('/api/servers', {
          data: { name: 'sentinel', conninfo: victim.conninfo() },
          headers: { origin },
        })
      ).status(),
    ).toBe(201);
    await runToEnd(page.request, origin, '/api/servers/sentinel/check');

    await page.goto('/');
    const table = page.getByRole('table', { name: /Servers, those in trouble first/ });
    const row = table
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'sentinel', exact: true }) });
    await expect(row).toBeVisible();
    await expect(row).not.toHaveAttribute('data-health', 'critical');
    await expect(row).not.toContainText('failed: PostgreSQL');
    await screens(page, 'fleet-before-failure');

    // The server goes away; the checks are run elsewhere (the API); this page is left alone.
    await victim.stop('fast');
    await runToEnd(page.request, origin, '/api/servers/sentinel/check');
    await expect(row).toHaveAttribute('data-health', 'critical', { timeout: 30_000 });
    await expect(row).toContainText(/checks? failed: PostgreSQL/);
    const banner = page.getByRole('region', { name: /need(s)? attention now/ });
    await expect(banner).toContainText('sentinel');
    await expect(page).toHaveTitle(/^\(\d+\) Servers/);
    await page.getByRole('button', { name: /^Needs attention/ }).click();
    await expect(row).toBeVisible();
    await screens(page, 'fleet-red');

    await victim.start();
    await runToEnd(page.request, origin, '/api/servers/sentinel/check');
    await expect(row).not.toHaveAttribute('data-health', 'critical', { timeout: 30_000 });
    await expect(
      page.getByRole('region', { name: /need(s)? attention now/ }).getByText('sentinel'),
    ).toHaveCount(0);
  });
});

test('a server with months of history: status, the catalog sorted, filtered and paged, the WAL chart, check history', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await layOutLongHistory(stack.catalogUrl, 'archive-e2e', stack.target.conninfo);
  await signIn(page, stack.admin.username, stack.admin.password);

  await page.goto('/servers/archive-e2e');
  await expect(page.getByRole('heading', { level: 1, name: 'archive-e2e' })).toBeVisible();
  const fact = (label: string) =>
    page
      .locator('dt')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator('xpath=following-sibling::dd[1]');
  await expect(fact('Available backups')).toContainText('56');
  await expect(fact('Minimum redundancy')).toContainText('satisfied (56/2)');
  await expect(fact('Missing WAL segments')).toHaveText('4');
  await expect(fact('Cluster state')).toHaveText('in production');
  await expect(page.getByText(/4 WAL segments are missing/)).toBeVisible();
  await screens(page, 'server-overview');

  await page.getByRole('link', { name: 'Backups', exact: true }).click();
  const table = page.getByRole('table', { name: /^Backups/ });
  await expect(page.getByText('1–25 of 60')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('26–50 of 60')).toBeVisible();
  await expect(page).toHaveURL(/offset=25/);
  // Sorting is on the server and keyboard-reachable: Enter on the header's button.
  await page.getByRole('button', { name: /^Size/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: /by size, largest or latest first/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Size/ }).first()).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(page.getByText('1–25 of 60')).toBeVisible();
  await page.getByLabel('Backup status').selectOption('FAILED');
  await expect(page.getByText('1–4 of 4')).toBeVisible();
  await expect(table.getByText('Why it failed:').first()).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Search').fill('monthly');
  await expect(page.getByText('1–2 of 2')).toBeVisible();
  await expect(table.getByRole('row', { name: /monthly-30/ }).getByText('KEEP:FULL')).toBeVisible();
  await screens(page, 'server-backups');
  await page.reload();
  await expect(page.getByLabel('Search')).toHaveValue('monthly');
  await table
    .getByRole('link', { name: /^\d{8}T\d{6}$/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'Base backup information' })).toBeVisible();

  await page.goto('/servers/archive-e2e/wal?range=90d');
  const chart = page.getByRole('img', { name: /WAL archived by archive-e2e/ });
  await expect(chart).toBeVisible();
  await expect(chart.getByText('4 missing', { exact: true })).toBeVisible();
  await expect(chart.getByText('timeline 2', { exact: true })).toBeVisible();
  await chart.focus();
  await page.keyboard.press('End');
  await expect(page.getByText(/^From .+: \d+ segments?, .+ of WAL/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Missing WAL segments' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('cell', { name: 'before-release-55' })).toBeVisible();
  await screens(page, 'server-wal');

  await page.getByRole('link', { name: 'Checks', exact: true }).click();
  const history = page.getByRole('table', { name: /last 31 reports/ });
  await expect(history.getByRole('row', { name: /PostgreSQL/ })).toContainText('2×');
  await screens(page, 'server-checks');
});

test('a failed backup is retried from the jobs page and audited; a viewer reads and exports the audit trail but cannot retry', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, stack.admin.username, stack.admin.password);
  expect(
    (
      await page.request.post('/api/servers', {
        data: { name: 'nowhere', conninfo: 'host=127.0.0.1 port=1 user=cellar' },
        headers: { origin },
      })
    ).status(),
  ).toBe(201);
  const failed = await runToEnd(page.request, origin, '/api/servers/nowhere/backups');
  expect(failed.status).toBe('failed');

  await page.goto('/jobs');
  await page.getByLabel('Kind').selectOption('backup.run');
  await page.getByLabel('Status').selectOption('failed');
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: 'nowhere' }) })
    .first();
  await expect(row).toContainText(/Cannot connect|connect/i);
  await screens(page, 'jobs-failed');
  await row.getByRole('button', { name: 'Retry' }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page).not.toHaveURL(new RegExp(failed.id));
  await expect(
    page
      .locator('dt')
      .filter({ hasText: /^Retry of$/ })
      .locator('xpath=following-sibling::dd[1]'),
  ).toHaveText(failed.id);
  await screens(page, 'job-retry');

  const created = await page.request.post('/api/users', {
    data: { username: 'auditor', password: 'auditor-password-1', role: 'viewer', mustChangePassword: false },
    headers: { origin },
  });
  expect(created.status()).toBe(201);
  const viewer = await browser.newContext({ baseURL: stack.baseURL });
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage, 'auditor', 'auditor-password-1');
  await viewerPage.goto(`/jobs/${failed.id}`);
  await expect(viewerPage.getByRole('heading', { name: /backup.run on nowhere/ })).toBeVisible();
  await expect(viewerPage.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  expect(
    (await viewerPage.request.post(`/api/runs/${failed.id}/retry`, { headers: { origin } })).status(),
  ).toBe(403);

  await viewerPage.goto('/audit');
  await viewerPage.getByLabel('Action').fill('run.retry');
  await viewerPage.getByRole('button', { name: 'Apply filters' }).click();
  const audit = viewerPage.getByRole('table', { name: 'Audit events, newest first' });
  await expect(audit.getByRole('row', { name: /run\.retry/ })).toHaveCount(1);
  await expect(audit.getByRole('row', { name: /run\.retry/ })).toContainText(stack.admin.username);
  await screens(viewerPage, 'audit-viewer');
  const csv = await viewerPage.request.get('/api/audit/export?action=run.retry');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('run.retry');
  await viewer.close();
});
