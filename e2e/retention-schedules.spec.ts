import { expect, test, type Page } from '@playwright/test';
import { screens, signIn } from './support/console';
import { readStack } from './support/stack';

const stack = readStack();
test.use({ baseURL: stack.baseURL });

// Its own server and users: the specs share one stack.
const server = 'nightly';
const origin = { origin: stack.baseURL };

async function backupIds(page: Page): Promise<string[]> {
  const res = await page.request.get(`/api/servers/${server}/backups`);
  return ((await res.json()) as { backups: { backupId: string; status: string }[] }).backups
    .filter((b) => b.status === 'DONE')
    .map((b) => b.backupId);
}

test('an operator schedules backups that fire, and applies a retention policy after a preview', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, stack.admin.username, stack.admin.password);
  const created = await page.request.post('/api/servers', {
    data: { name: server, conninfo: stack.target.conninfo },
    headers: origin,
  });
  expect(created.status()).toBe(201);
  await page.goto(`/servers/${server}/schedules`);
  const schedules = page.getByRole('region', { name: 'Schedules' });
  await expect(schedules.getByText('No schedules')).toBeVisible();

  // A bad expression is refused beside its field, in words.
  await schedules.getByRole('button', { name: 'Add schedule' }).click();
  const form = page.getByRole('form', { name: 'Schedule' });
  await form.getByLabel('Cron expression').fill('61 1 * * *');
  await form.getByRole('button', { name: 'Add schedule' }).click();
  await expect(form.getByText(/is not a cron expression/)).toBeVisible();

  // Every minute, so it fires while we watch: the next run is shown, then the outcome.
  await form.getByLabel('Name').fill('every-minute');
  await form.getByLabel('Cron expression').fill('* * * * *');
  await form.getByLabel('Time zone').fill('Europe/Paris');
  await form.getByLabel('Compression').selectOption('lz4');
  await form.getByRole('button', { name: 'Add schedule' }).click();
  const row = schedules.getByRole('row', { name: /every-minute/ });
  await expect(row.getByText('Europe/Paris')).toBeVisible();
  await expect(row.getByText('not run yet')).toBeVisible();
  await screens(page, 'schedules');
  await expect(row.getByText('succeeded')).toBeVisible({ timeout: 150_000 });
  await expect(row.getByText('started', { exact: true })).toBeVisible();
  await screens(page, 'schedules-fired');

  // Changed to a nightly run, then switched off: no next run.
  await row.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('form', { name: 'Schedule' }).getByLabel('Cron expression').fill('0 1 * * *');
  await page.getByRole('form', { name: 'Schedule' }).getByRole('button', { name: 'Save schedule' }).click();
  await expect(row.getByText('0 1 * * *')).toBeVisible();
  await row.getByRole('button', { name: 'Turn off' }).click();
  await expect(row.getByText('off', { exact: true })).toBeVisible();

  // A nightly restore verification: the form asks what it needs, and the row says what it does.
  await schedules.getByRole('button', { name: 'Add schedule' }).click();
  const verifyForm = page.getByRole('form', { name: 'Schedule' });
  await verifyForm.getByLabel('What to run').selectOption('verify');
  await expect(verifyForm.getByLabel('Compression')).toHaveCount(0);
  await verifyForm.getByLabel('Name').fill('prove-it');
  await verifyForm.getByLabel('Cron expression').fill('0 3 * * *');
  await verifyForm.getByLabel('Recover to').selectOption('latest');
  await verifyForm.getByRole('button', { name: 'Add schedule' }).click();
  await expect(
    schedules
      .getByRole('row', { name: /prove-it/ })
      .getByText(/restore verification of the latest backup to the end of the archive, with pg_amcheck/),
  ).toBeVisible();

  // A second backup, then a policy that keeps one: the preview says which goes and why.
  const manual = await page.request.post(`/api/servers/${server}/backups`, {
    data: { compression: 'lz4' },
    headers: origin,
  });
  expect(manual.status()).toBe(202);
  await expect.poll(async () => (await backupIds(page)).length, { timeout: 90_000 }).toBe(2);
  const [newest, oldest] = await backupIds(page);
  const policy = await page.request.patch(`/api/servers/${server}`, {
    data: { retentionPolicy: 'REDUNDANCY 1' },
    headers: origin,
  });
  expect(policy.status()).toBe(200);
  await page.reload();
  const retention = page.getByRole('region', { name: 'Retention' });
  await expect(retention.getByText('REDUNDANCY 1', { exact: true })).toBeVisible();
  // Maintenance applies the policy every minute by itself; whichever gets there first, the
  // older backup goes and the newer one stays.
  const apply = retention.getByRole('button', { name: 'Apply now…' });
  if (await apply.isVisible()) {
    await expect(retention.getByRole('row', { name: new RegExp(oldest ?? '') })).toContainText('OBSOLETE');
    await screens(page, 'retention-preview');
    await apply.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText(oldest ?? '')).toBeVisible();
    await dialog.getByRole('button', { name: 'Delete 1 backup' }).click();
    await expect(retention.getByRole('link', { name: 'Follow its job' })).toBeVisible();
  }
  await expect.poll(() => backupIds(page), { timeout: 90_000 }).toEqual([newest]);
  await page.goto(`/servers/${server}/backups`);
  await expect(page.getByRole('row', { name: new RegExp(newest ?? '') })).toContainText('VALID');
  await page.goto(`/servers/${server}/schedules`);
  await expect(retention.getByText('Applying it now deletes nothing.')).toBeVisible();
});

test('a viewer sees schedules and retention and can change neither', async ({ page }) => {
  await signIn(page, stack.admin.username, stack.admin.password);
  const user = await page.request.post('/api/users', {
    data: { username: 'sally', password: 'viewer-password-3', role: 'viewer', mustChangePassword: false },
    headers: origin,
  });
  expect(user.status()).toBe(201);
  await page.context().clearCookies();
  await signIn(page, 'sally', 'viewer-password-3');
  await page.goto(`/servers/${server}/schedules`);
  const schedules = page.getByRole('region', { name: 'Schedules' });
  await expect(schedules.getByRole('row', { name: /every-minute/ })).toBeVisible();
  await expect(schedules.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Retention' }).getByRole('button')).toHaveCount(0);
  const refused = await page.request.post(`/api/servers/${server}/schedules`, {
    data: { kind: 'backup', name: 'mine', cron: '0 2 * * *' },
    headers: origin,
  });
  expect(refused.status()).toBe(403);
  const apply = await page.request.post(`/api/servers/${server}/retention`, { data: {}, headers: origin });
  expect(apply.status()).toBe(403);
});
