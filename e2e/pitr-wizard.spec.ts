import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import type { RunView } from '../server/contracts/runs';
import type { Marker } from '../server/testing/pitr-workload';
import type { PostgresServer } from '../server/testing/postgres-server';
import { startSshd, type SshServer } from '../server/testing/sshd';
import { screens, signIn } from './support/console';
import { preparePitrHistory, restoredMarkers, type PitrSource } from './support/pitr-source';
import { readStack } from './support/stack';

// The PITR wizard against the real web, workers and a PostgreSQL 15 that archives WAL through
// archive_command: marker rows at known times after a backup; the wizard restores to a moment
// between two of them and PostgreSQL started on the result holds exactly the earlier ones.

const stack = readStack();
test.use({ baseURL: stack.baseURL });
test.describe.configure({ mode: 'serial' });

const server = 'pitr';
const origin = { origin: stack.baseURL };
const run = promisify(execFile);
let source: PitrSource;
let backupId = '';
let tokenFile = '';
let m: Marker[] = [];
const started: PostgresServer[] = [];
let sshd: SshServer | undefined;

/** "2026-12-06 14:05:03.250" in UTC, as typed into the wizard with "Times in: UTC". */
const utcText = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const markersIn = (dataDir: string) => restoredMarkers(dataDir, started);

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  expect((await request.post('/api/auth/login', { data: stack.admin, headers: origin })).ok()).toBe(true);
  ({ source, backupId, markers: m, tokenFile } = await preparePitrHistory(request, stack.baseURL, server));
});

test.afterAll(async () => {
  for (const pg of started) await pg.destroy();
  await sshd?.stop();
  await source?.stop();
});

test('the wizard restores to a time between two markers, and the restored server holds exactly the earlier ones', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, stack.admin.username, stack.admin.password);
  await page.goto('/recover');
  await expect(page.getByRole('link', { name: new RegExp(`^${server}`) })).toBeVisible();
  await screens(page, 'pitr-1-server');
  await page.goto(`/servers/${server}`);
  await page.getByRole('link', { name: 'Point-in-time recovery' }).click();
  await expect(page).toHaveURL(new RegExp(`/servers/${server}/recover$`));
  await page.getByLabel('UTC', { exact: true }).check();

  // The axis: a click picks a time, the keyboard moves it, the plan answers each.
  const axis = page.getByRole('slider', { name: 'Target time on timeline 1' });
  const field = page.getByRole('textbox', { name: 'Recovery target' });
  const box = await axis.boundingBox();
  await axis.click({ position: { x: (box?.width ?? 800) * 0.5, y: 80 } });
  await expect(field).toHaveValue(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  await axis.press('End');
  await expect(page.getByRole('region', { name: 'Target check' }).getByText('Reachable.')).toBeVisible();

  const between = (Date.parse(m[1]?.time ?? '') + Date.parse(m[2]?.time ?? '')) / 2;
  await field.fill(utcText(between));
  await expect(field).toHaveAccessibleDescription(
    /Read as the time \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00/,
  );
  const check = page.getByRole('region', { name: 'Target check' });
  await expect(check.getByText('Reachable.')).toBeVisible();
  await expect(check).toContainText(`From backup ${backupId}`);
  await expect(check).toContainText('stops at the first transaction that ended after');
  await expect(axis).toHaveAttribute('aria-valuetext', new RegExp(utcText(between).slice(0, 19)));
  await screens(page, 'pitr-2-target');

  await page.getByRole('button', { name: 'Next: Base backup' }).click();
  await expect(page.getByText(`Cellar chooses backup ${backupId}`)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(backupId) })).toContainText('usable');
  await screens(page, 'pitr-3-backup');

  await page.getByRole('button', { name: 'Next: Destination' }).click();
  const dest = path.join(source.dir, 'restored');
  await page.getByLabel('Data directory').fill('relative/path');
  await expect(page.getByLabel('Data directory')).toHaveAccessibleDescription(/Give an absolute path/);
  await expect(page.getByRole('button', { name: 'Next: Options' })).toBeDisabled();
  await page.getByLabel('Data directory').fill(dest);
  await screens(page, 'pitr-4-destination');

  await page.getByRole('button', { name: 'Next: Options' }).click();
  await page.getByLabel('When the target is reached').selectOption('promote');
  await screens(page, 'pitr-5-options');

  await page.getByRole('button', { name: 'Next: Review' }).click();
  const words = page.getByRole('region', { name: 'The restore in words' });
  await expect(words).toContainText(`Restore backup ${backupId} of ${server}`);
  await expect(words).toContainText(`into ${dest} on the Cellar host`);
  await expect(words).toContainText('then promotes and opens for writes');
  const cli =
    (await page
      .getByRole('region', { name: 'The same restore with the cellar command line' })
      .locator('pre')
      .textContent()) ?? '';
  expect(cli).toContain(`restore ${server} ${backupId} ${dest} --target-time`);
  const curl =
    (await page.getByRole('region', { name: 'The same request with curl' }).locator('pre').textContent()) ??
    '';
  expect(curl).toContain(`/api/servers/${server}/restores`);
  // The command line shown is the same request: its dry run gets the same plan from the API.
  const cellarBin = path.resolve(import.meta.dirname, '../bin/cellar');
  const dry = await run('sh', ['-c', `${cli.replace(/^cellar /, `'${cellarBin}' `)} --dry-run`], {
    env: { ...process.env, CELLAR_TOKEN_FILE: tokenFile },
  });
  expect(dry.stdout).toMatch(new RegExp(`the target is reachable\\n  Base backup : ${backupId}`));
  await screens(page, 'pitr-6-review');

  await page.getByRole('button', { name: 'Restore now' }).click();
  await expect(page).toHaveURL(/\?run=[0-9a-f-]{36}$/);
  const restore = page.getByRole('region', { name: 'Restore run' });
  await expect(restore).toBeVisible();
  await expect(restore.getByText(/^Finished: .* written\.$/)).toBeVisible({ timeout: 120_000 });
  const start = page.getByRole('region', { name: 'How to start it' });
  await expect(start.locator('pre').first()).toContainText(`pg_ctl -D ${dest} start`);
  await screens(page, 'pitr-7-result');

  expect(await markersIn(dest)).toEqual([0, 1]);

  await page.getByRole('button', { name: 'Verify by starting it' }).click();
  const verification = page.getByRole('region', { name: 'Verify by starting it' });
  await expect(verification.getByText(/^Verified: backup \d{8}T\d{6} restored to the target/)).toBeVisible({
    timeout: 180_000,
  });
  await screens(page, 'pitr-7-verified');

  await page.goto('/audit?action=restore');
  const audit = page.getByRole('table', { name: /Audit events/ });
  await expect(
    audit.getByRole('row', { name: /restore\.start/ }).filter({ hasText: `server ${server}` }),
  ).toHaveCount(1);
  await expect(
    audit.getByRole('row', { name: /restore\.verify/ }).filter({ hasText: `backup ${server}/${backupId}` }),
  ).toHaveCount(1);
});

test('an unreachable target is shown as such, with what is reachable, and cannot be restored', async ({
  page,
  browser,
}) => {
  await signIn(page, stack.admin.username, stack.admin.password);
  await page.goto(`/servers/${server}/recover`);
  await page.getByLabel('UTC', { exact: true }).check();
  const field = page.getByRole('textbox', { name: 'Recovery target' });
  const check = page.getByRole('region', { name: 'Target check' });
  const next = page.getByRole('button', { name: 'Next: Base backup' });

  // Typed a key at a time, the target is checked once the typing pauses, not once per key.
  const plans: string[] = [];
  page.on('request', (r) => r.url().endsWith(`/api/servers/${server}/recovery/plan`) && plans.push(r.url()));
  await field.fill('');
  await field.pressSequentially(utcText(Date.now() + 3_600_000), { delay: 40 });
  await expect(check.getByRole('alert', { name: 'Target not reachable' })).toBeVisible();
  expect(plans.length).toBeLessThanOrEqual(2);

  await expect(check.getByRole('alert', { name: 'Target not reachable' })).toContainText(
    'past the end of the archive',
  );
  await expect(check).toContainText(new RegExp(`Reachable instead:.*from backup ${backupId}: times from`));
  await expect(next).toBeDisabled();
  await expect(page.getByRole('button', { name: /Review$/ })).toBeDisabled();
  await screens(page, 'pitr-2-target-unreachable');

  await field.fill(utcText(Date.parse(m[0]?.time ?? '')));
  await expect(check).toContainText(/before backup \d{8}T\d{6} ended.*No older backup reaches it either/);
  await field.fill('no-such-point');
  await expect(field).toHaveAccessibleDescription(/Read as restore point "no-such-point"/);
  await expect(check).toContainText('There is no restore point named "no-such-point"');
  await expect(check).toContainText('Restore points reachable on timeline 1: "after-3"');
  await expect(next).toBeDisabled();

  // The API refuses it too, before anything is written, and no restore run exists for it.
  const refused = await page.request.post(`/api/servers/${server}/restores`, {
    data: {
      target: { kind: 'name', name: 'no-such-point' },
      destination: { kind: 'local', path: '/tmp/never-written-by-cellar' },
    },
    headers: origin,
  });
  expect(refused.status()).toBe(422);
  expect(existsSync('/tmp/never-written-by-cellar')).toBe(false);

  // A viewer explores the same window and plans, and finds no way to restore.
  const created = await page.request.post('/api/users', {
    data: {
      username: 'pitr-viewer',
      password: 'viewer-password-9',
      role: 'viewer',
      mustChangePassword: false,
    },
    headers: origin,
  });
  expect(created.status()).toBe(201);
  const context = await browser.newContext({ baseURL: stack.baseURL });
  const viewer = await context.newPage();
  await signIn(viewer, 'pitr-viewer', 'viewer-password-9');
  await viewer.goto(`/servers/${server}/recover`);
  await viewer.getByRole('textbox', { name: 'Recovery target' }).fill('after-3');
  await expect(viewer.getByRole('region', { name: 'Target check' }).getByText('Reachable.')).toBeVisible();
  await expect(
    viewer.getByRole('navigation', { name: 'Wizard steps' }).getByRole('button', { name: /Restore$/ }),
  ).toHaveCount(0);
  await viewer.getByRole('button', { name: 'Next: Base backup' }).click();
  await viewer.getByRole('button', { name: 'Next: Destination' }).click();
  await viewer.getByText('Another host, over SSH').click();
  await expect(viewer.getByRole('button', { name: 'Test connection' })).toHaveCount(0);
  await viewer.getByText('A directory on the Cellar host').click();
  await viewer.getByLabel('Data directory').fill('/tmp/viewer-never');
  await viewer.getByRole('button', { name: 'Next: Options' }).click();
  await viewer.getByRole('button', { name: 'Next: Review' }).click();
  await expect(viewer.getByText(/You are a viewer/)).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Restore now' })).toHaveCount(0);
  await screens(viewer, 'pitr-6-review-viewer');
  const forbidden = await viewer.request.post(`/api/servers/${server}/restores`, {
    data: { target: { kind: 'latest' }, destination: { kind: 'local', path: '/tmp/viewer-never' } },
    headers: origin,
  });
  expect(forbidden.status()).toBe(403);
  await context.close();
  const runs = (await (await page.request.get('/api/runs?kind=restore.run&limit=200')).json()) as {
    runs: RunView[];
  };
  expect(runs.runs.filter((r) => r.serverName === server)).toHaveLength(1);
});

test('a remote destination over SSH: the host key is shown, accepted, pinned, and the restore goes there', async ({
  page,
}) => {
  test.setTimeout(180_000);
  sshd = await startSshd();
  await signIn(page, stack.admin.username, stack.admin.password);
  const patched = await page.request.patch(`/api/servers/${server}`, {
    data: { sshPrivateKey: sshd.privateKey },
    headers: origin,
  });
  expect(patched.status()).toBe(200);
  await page.goto(`/servers/${server}/recover`);
  await page.getByRole('textbox', { name: 'Recovery target' }).fill('after-3');
  await expect(page.getByRole('textbox', { name: 'Recovery target' })).toHaveAccessibleDescription(
    'Read as restore point "after-3".',
  );
  await expect(page.getByRole('region', { name: 'Target check' }).getByText('Reachable.')).toBeVisible();
  await page.getByRole('button', { name: 'Next: Base backup' }).click();
  await page.getByRole('button', { name: 'Next: Destination' }).click();

  await page.getByText('Another host, over SSH').click();
  const target = `${sshd.username}@127.0.0.1:${sshd.port}`;
  const dest = path.join(source.dir, 'remote-data');
  await page.getByLabel('SSH destination').fill(target);
  await page.getByLabel('Data directory').fill(dest);
  await expect(page.getByText('Test the SSH connection and confirm the host key first.')).toBeVisible();
  await page.getByRole('button', { name: 'Test connection' }).click();
  const confirm = page.getByRole('region', { name: 'Host key to confirm' });
  await expect(confirm).toContainText(`ssh-ed25519 key fingerprint: ${sshd.hostKeyFingerprint}`);
  await expect(confirm).toContainText('no credential was sent');
  await expect(page.getByRole('button', { name: 'Next: Options' })).toBeDisabled();
  await screens(page, 'pitr-4-ssh-host-key');
  await confirm.getByRole('button', { name: 'Accept this key and log in' }).click();
  const tested = page.getByRole('region', { name: 'Connection test' });
  await expect(tested).toContainText('Host key accepted and pinned; the login works.');
  await expect(tested).toContainText(`${dest} does not exist yet and will be created`);
  await screens(page, 'pitr-4-ssh-accepted');

  await page.getByRole('button', { name: 'Next: Options' }).click();
  await page.getByLabel('Parallel SFTP channels').fill('3');
  await page.getByLabel('When the target is reached').selectOption('promote');
  await page.getByRole('button', { name: 'Next: Review' }).click();
  await expect(page.getByRole('region', { name: 'The restore in words' })).toContainText(
    `on ${target} over SSH (host key ${sshd.hostKeyFingerprint}), 3 SFTP channels`,
  );
  const cli =
    (await page
      .getByRole('region', { name: 'The same restore with the cellar command line' })
      .locator('pre')
      .textContent()) ?? '';
  expect(cli).toContain(
    `--remote-ssh-command 'ssh -p ${sshd.port} ${sshd.username}@127.0.0.1' --ssh-host-key ${sshd.hostKeyFingerprint} --jobs 3`,
  );
  await page.getByRole('button', { name: 'Restore now' }).click();
  await expect(page.getByRole('region', { name: 'Restore run' }).getByText(/^Finished: /)).toBeVisible({
    timeout: 120_000,
  });
  await expect(page.getByRole('region', { name: 'How to start it' }).locator('pre').first()).toContainText(
    `pg_ctl -D ${dest} start`,
  );
  await screens(page, 'pitr-7-remote-result');

  expect(existsSync(path.join(dest, 'PG_VERSION'))).toBe(true);
  expect(await markersIn(dest)).toEqual([0, 1, 2, 3]);
  const audit = (await (await page.request.get('/api/audit?action=ssh-known-host')).json()) as {
    events: { action: string; targetId: string }[];
  };
  expect(audit.events).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ action: 'ssh-known-host.accept', targetId: `127.0.0.1:${sshd.port}` }),
    ]),
  );
});
