import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { readStack } from './support/stack';

// The `cellar` command line against the real web process: Barman's commands over the API with a
// token, Barman's output shapes, and exit codes a script can rely on.

const stack = readStack();
test.use({ baseURL: stack.baseURL });
const run = promisify(execFile);
const server = 'cli';
const origin = { origin: stack.baseURL };

type CliResult = { code: number; stdout: string; stderr: string };
let tokenFile = '';

const cellar = (...args: string[]) => cellarWith(tokenFile, ...args);

async function cellarWith(token: string, ...args: string[]): Promise<CliResult> {
  const cli = path.resolve(import.meta.dirname, '../bin/cellar');
  try {
    const { stdout, stderr } = await run(cli, ['--url', stack.baseURL, '--token-file', token, ...args], {
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function signIn(request: APIRequestContext): Promise<void> {
  const login = await request.post('/api/auth/login', { data: stack.admin, headers: origin });
  expect(login.ok()).toBe(true);
}

test.beforeAll(async ({ request }) => {
  await signIn(request);
  const token = await request.post('/api/tokens', {
    data: { name: 'cli e2e', role: 'operator' },
    headers: origin,
  });
  expect(token.status()).toBe(201);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-cli-'));
  tokenFile = path.join(dir, 'token');
  await writeFile(tokenFile, `${((await token.json()) as { token: string }).token}\n`, { mode: 0o600 });
  const created = await request.post('/api/servers', {
    data: { name: server, conninfo: stack.target.conninfo },
    headers: origin,
  });
  expect(created.status()).toBe(201);
});

test('backs up, lists, shows, keeps and deletes a backup the way Barman prints them', async () => {
  test.setTimeout(180_000);
  const listed = await cellar('list-servers', '--minimal');
  expect(listed.stdout.split('\n')).toContain(server);

  const backup = await cellar('backup', server, '--name', 'from-cli', '--compression', 'lz4', '--wait');
  expect(backup.stderr).not.toMatch(/cellar:/);
  expect(backup.code).toBe(0);
  expect(backup.stdout).toMatch(/backup\.run [0-9a-f-]{36}: succeeded/);

  const list = await cellar('list-backups', server);
  expect(list.stdout).toMatch(
    new RegExp(
      `^${server} \\d{8}T\\d{6} 'from-cli' - F - \\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4} - Size: [\\d.]+ (KiB|MiB) - WAL Size: [\\d.]+ (B|KiB|MiB)$`,
      'm',
    ),
  );
  const backupId = /(\d{8}T\d{6})/.exec(list.stdout)?.[1] ?? '';

  const shown = await cellar('show-backup', server, 'from-cli');
  expect(shown.stdout).toContain(`Backup ${backupId}:`);
  expect(shown.stdout).toMatch(/Status\s+: DONE/);
  expect(shown.stdout).toMatch(/Backup Compression\s+: lz4/);
  expect(shown.stdout).toMatch(/Begin WAL\s+: [0-9A-F]{24}/);

  const json = await cellar('-f', 'json', 'show-backup', server, 'latest');
  expect(JSON.parse(json.stdout)).toMatchObject({
    backupId,
    status: 'DONE',
    compression: 'lz4',
    name: 'from-cli',
  });

  const files = await cellar('list-files', server, backupId, '--search', 'PG_VERSION');
  expect(files.stdout.trim().split('\n')).toContain('PG_VERSION');

  const verified = await cellar('verify-backup', server, backupId);
  expect(verified.code).toBe(0);
  expect(verified.stdout).toMatch(/files match the manifest/);

  const plan = await cellar('restore', server, 'auto', '/tmp/never-written', '--dry-run');
  expect(plan.code).toBe(0);
  expect(plan.stdout).toMatch(new RegExp(`the target is reachable\\n  Base backup : ${backupId}`));
  const future = await cellar(
    'restore',
    server,
    'auto',
    '/tmp/never-written',
    '--target-time',
    '2099-01-01T00:00:00Z',
  );
  expect(future.code).toBe(1);
  expect(future.stdout).toMatch(/NOT reachable[\s\S]*Reachable instead/);
  const dest = path.join(await mkdtemp(path.join(os.tmpdir(), 'cellar-cli-restore-')), 'data');
  const restored = await cellar('restore', server, backupId, dest);
  expect(restored.stderr).not.toMatch(/cellar:/);
  expect(restored.stdout).toMatch(new RegExp(`Restored backup ${backupId} to ${dest}: \\d+ files`));
  expect(restored.stdout).toMatch(/Start it with: /);
  expect(await readFile(path.join(dest, 'PG_VERSION'), 'utf8')).toBe(`${stack.target.major}\n`);

  expect((await cellar('keep', server, backupId, '--target', 'standalone')).code).toBe(0);
  expect((await cellar('keep', server, backupId, '--status')).stdout.trim()).toBe('standalone');
  const refused = await cellar('delete', server, backupId);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/is kept/);
  expect((await cellar('keep', server, backupId, '--release')).code).toBe(0);
  const deleted = await cellar('delete', server, backupId);
  expect(deleted.stdout).toContain(`Deleted backup ${backupId}`);

  const jobs = await cellar('jobs', server, '--kind', 'backup.run');
  expect(jobs.stdout).toMatch(/backup\.run\s+cli\s+succeeded/);
});

test('checks with Barman’s output and Nagios exit codes', async () => {
  const checked = await cellar('check', server);
  expect(checked.stdout).toMatch(new RegExp(`^Server ${server}:\\n\\tPostgreSQL: OK`, 'm'));
  const nagios = await cellar('check', server, '--nagios');
  expect(nagios.stdout).toMatch(/^BARMAN (OK|CRITICAL|WARNING)/);
  expect([0, 1, 2]).toContain(nagios.code);
});

test('bad input and a bad token get a clear error and a usage exit code', async () => {
  const badServer = await cellar('list-backups', 'No Such!');
  expect(badServer.code).toBe(2);
  expect(badServer.stderr).toMatch(/Invalid server name "No Such!"/);

  const unknown = await cellar('list-backups', 'nosuchserver');
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(/nosuchserver/);

  const badOption = await cellar('backup', server, '--compression', 'bzip2');
  expect(badOption.code).toBe(2);
  expect(badOption.stderr).toMatch(/Invalid compression "bzip2"/);

  const both = await cellar('keep', server, 'latest');
  expect(both.code).toBe(2);
  expect(both.stderr).toMatch(/exactly one of --target/);

  const wrong = path.join(path.dirname(tokenFile), 'wrong');
  await writeFile(wrong, 'not-a-token\n');
  const { stderr, code } = await cellarWith(wrong, 'list-servers');
  expect(code).toBe(1);
  expect(stderr).toMatch(/API token/);
});
