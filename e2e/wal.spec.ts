import { rm } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { signIn } from './support/console';
import { readStack } from './support/stack';
import { walArchiveCommand } from './support/wal-archive-command';

// WAL archiving through the real, built web process: the e2e target's own archive_command runs
// bin/cellar-wal-archive.mjs against the web, which stores the segment (compressing it in the
// web process's compression threads), and the console's WAL section shows it arrive. Then the
// streaming receiver (its own process) is turned on and off for the same server from the console.

const stack = readStack();
test.use({ baseURL: stack.baseURL });

const server = 'pushed';
const origin = { origin: stack.baseURL };

async function onTarget<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: stack.target.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Writes something, then closes the current segment; returns its name. */
const switchWal = () =>
  onTarget(async (c) => {
    await c.query(
      'CREATE TABLE IF NOT EXISTS e2e_ticks (at timestamptz); INSERT INTO e2e_ticks VALUES (now())',
    );
    return (
      (await c.query<{ name: string }>('SELECT pg_walfile_name(pg_switch_wal()) AS name')).rows[0]?.name ?? ''
    );
  });

const setArchiveCommand = (command: string) =>
  onTarget(async (c) => {
    await c.query(`ALTER SYSTEM SET archive_command = '${command.replaceAll("'", "''")}'`);
    await c.query('SELECT pg_reload_conf()');
  });

test('archive_command pushes a segment through the built web, and the server page shows it and the receiver', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page, stack.admin.username, stack.admin.password);
  const created = await page.request.post('/api/servers', {
    data: { name: server, conninfo: stack.target.conninfo, pushArchiver: true },
    headers: origin,
  });
  expect(created.status()).toBe(201);
  const serverId = ((await created.json()) as { id: string }).id;
  // PostgreSQL runs archive_command as its own (unprivileged) account: it must be able to read the token.
  const { dir, command } = await walArchiveCommand(page.request, stack.baseURL, {
    name: server,
    id: serverId,
  });
  try {
    await setArchiveCommand(`${command} %p`);
    const segment = await switchWal();

    await page.goto(`/servers/${server}/wal`);
    const archive = page.getByRole('region', { name: 'Archive', exact: true });
    await expect(archive.getByRole('row', { name: new RegExp(`^push ${segment}`) })).toBeVisible({
      timeout: 60_000,
    });
    const receiver = page.getByRole('region', { name: 'Streaming receiver' });
    await expect(receiver.getByText(/WAL streaming is off/)).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/wal-pushed.png', fullPage: true });

    // Streaming on for the same server, with push off again so that the next segment can only
    // arrive by streaming: the receiver process picks the server up and reports.
    await setArchiveCommand('/bin/true');
    const patched = await page.request.patch(`/api/servers/${server}`, {
      data: { streamingArchiver: true, slotName: 'e2e_pushed' },
      headers: origin,
    });
    expect(patched.status()).toBe(200);
    await expect(receiver.getByText('streaming', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(receiver.getByText(/\(pid \d+\)/)).toBeVisible();
    const streamed = await switchWal();
    await expect(archive.getByRole('row', { name: new RegExp(`^streaming ${streamed}`) })).toBeVisible({
      timeout: 60_000,
    });
    await page.screenshot({ path: 'test-results/screens/wal-streaming.png', fullPage: true });

    await receiver.getByRole('button', { name: 'Stop receiver' }).click();
    await expect(receiver.getByText('stopped', { exact: true })).toBeVisible({ timeout: 30_000 });
    // The slot would hold WAL on the shared target for the rest of the run.
    await receiver.getByRole('button', { name: 'Drop slot…' }).click();
    const dialog = page.getByRole('dialog', { name: /Drop the replication slot/ });
    await dialog.getByRole('button', { name: 'Drop slot' }).click();
    await expect(receiver.getByText(/Replication slot 'e2e_pushed' dropped/)).toBeVisible({
      timeout: 30_000,
    });
  } finally {
    await setArchiveCommand('/bin/true');
    await rm(dir, { recursive: true, force: true });
  }
});
