import type { Locator, Page } from '@playwright/test';
import { measureAction, measureLoad, type Sample } from './measure';

// What the bench times, page by page and interaction by interaction, against the seeded fleet.
// `server` is the busiest server of the catalog (the most backups), picked by the bench.

export type Scenario = { name: string; prepare?: (page: Page) => Promise<void>; measure: (page: Page) => Promise<Sample> };

const backupsTable = (p: Page) => p.getByRole('table', { name: /^Backups/ });
const rows = (table: Locator, atLeast: number) => table.getByRole('row').nth(atLeast);
const goto = async (p: Page, url: string, ready: (p: Page) => Locator) => {
  await p.goto(url);
  await ready(p).first().waitFor({ timeout: 30_000 });
};

function serverScenarios(server: string): Scenario[] {
  const base = `/servers/${server}`;
  const onBackups = (p: Page) => goto(p, `${base}/backups`, (q) => rows(backupsTable(q), 25));
  return [
    { name: 'server overview', measure: (p) => measureLoad(p, base, (q) => q.getByRole('img', { name: /WAL archived by/ })) },
    { name: 'server backups (page 1 of the catalog)', measure: (p) => measureLoad(p, `${base}/backups`, (q) => rows(backupsTable(q), 25)) },
    {
      name: 'backups: sort by size',
      prepare: onBackups,
      measure: (p) => measureAction(p, (q) => q.getByRole('button', { name: /^Size/ }).click(), (q) => q.getByRole('table', { name: /by size/ })),
    },
    {
      name: 'backups: filter status FAILED',
      prepare: onBackups,
      measure: (p) =>
        measureAction(p, async (q) => void (await q.getByLabel('Backup status').selectOption('FAILED')), (q) => q.getByText(/^(1–\d+ of \d+|None)$/).or(q.getByText('No backup matches these filters'))),
    },
    {
      name: 'backups: search by name',
      prepare: onBackups,
      measure: (p) => measureAction(p, (q) => q.getByLabel('Search').fill('monthly'), (q) => backupsTable(q).getByRole('row', { name: /monthly/ })),
    },
    {
      name: 'backups: next page',
      prepare: onBackups,
      measure: (p) => measureAction(p, (q) => q.getByRole('button', { name: 'Next' }).click(), (q) => q.getByText(/^26–50 of/)),
    },
    {
      name: 'backups: open a backup',
      prepare: onBackups,
      measure: (p) =>
        measureAction(p, (q) => backupsTable(q).getByRole('link', { name: /^\d{8}T\d{6}$/ }).first().click(), (q) => q.getByRole('heading', { name: 'Base backup information' })),
    },
    { name: 'backup page (direct)', measure: (p) => measureLoad(p, `${base}/backups/latest`, (q) => q.getByRole('heading', { name: 'Base backup information' })) },
    { name: 'WAL tab (7 days)', measure: (p) => measureLoad(p, `${base}/wal`, (q) => q.getByRole('img', { name: /WAL archived by/ })) },
    {
      name: 'WAL: whole archive',
      prepare: (p) => goto(p, `${base}/wal`, (q) => q.getByRole('img', { name: /WAL archived by/ })),
      measure: (p) => measureAction(p, (q) => q.getByRole('button', { name: 'Whole archive' }).click(), (q) => q.getByText(/^Segments archived per (day|week|3 hours|6 hours|12 hours)/)),
    },
    { name: 'checks tab (40 reports)', measure: (p) => measureLoad(p, `${base}/checks`, (q) => q.getByRole('table', { name: /last 40 reports/ })) },
  ];
}

const jobsTable = (p: Page) => p.getByRole('table', { name: 'Jobs, newest first' });
const auditTable = (p: Page) => p.getByRole('table', { name: 'Audit events, newest first' });

export function scenarios(server: string): Scenario[] {
  return [
    { name: 'sign-in page', measure: (p) => measureLoad(p, '/login', (q) => q.getByRole('button', { name: 'Sign in' })) },
    { name: 'fleet dashboard (50 servers)', measure: (p) => measureLoad(p, '/', (q) => rows(q.getByRole('table', { name: /Servers, those in trouble first/ }), 50)) },
    {
      name: 'fleet: needs attention only',
      prepare: (p) => goto(p, '/', (q) => rows(q.getByRole('table', { name: /Servers, those in trouble first/ }), 50)),
      measure: (p) => measureAction(p, (q) => q.getByRole('button', { name: /^Needs attention/ }).click(), (q) => q.getByRole('button', { name: /^Needs attention/, pressed: true })),
    },
    ...serverScenarios(server),
    { name: 'jobs', measure: (p) => measureLoad(p, '/jobs', (q) => rows(jobsTable(q), 50)) },
    {
      name: 'jobs: filter kind backup.run',
      prepare: (p) => goto(p, '/jobs', (q) => rows(jobsTable(q), 50)),
      measure: (p) => measureAction(p, async (q) => void (await q.getByLabel('Kind').selectOption('backup.run')), (q) => jobsTable(q).getByRole('link', { name: 'backup.run' }).nth(20)),
    },
    {
      name: 'jobs: load 50 more',
      prepare: (p) => goto(p, '/jobs', (q) => rows(jobsTable(q), 50)),
      measure: (p) => measureAction(p, (q) => q.getByRole('button', { name: 'Load more' }).click(), (q) => rows(jobsTable(q), 100)),
    },
    {
      name: 'job page (a backup run)',
      prepare: (p) => goto(p, '/jobs?kind=backup.run', (q) => jobsTable(q).getByRole('link', { name: 'backup.run' }).first()),
      measure: (p) => measureAction(p, (q) => jobsTable(q).getByRole('link', { name: 'backup.run' }).nth(3).click(), (q) => q.getByRole('heading', { name: 'Log' })),
    },
    { name: 'audit (100,000 events)', measure: (p) => measureLoad(p, '/audit', (q) => rows(auditTable(q), 50)) },
    {
      name: 'audit: filter by actor',
      prepare: (p) => goto(p, '/audit', (q) => rows(auditTable(q), 50)),
      measure: (p) =>
        measureAction(
          p,
          async (q) => {
            await q.getByLabel('Actor').fill('dave');
            await q.getByRole('button', { name: 'Apply filters' }).click();
          },
          (q) => auditTable(q).getByRole('row', { name: /dave/ }).nth(20),
        ),
    },
    { name: 'settings: users', measure: (p) => measureLoad(p, '/settings/users', (q) => q.getByRole('cell', { name: 'erin' })) },
  ];
}
