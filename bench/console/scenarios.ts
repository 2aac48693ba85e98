import type { Page } from '@playwright/test';
import { measureAction, measureLoad, type Sample } from './measure';

// What the bench times, page by page, against the seeded fleet (seed/fleet-plan.ts names).

export type Scenario = { name: string; prepare?: (page: Page) => Promise<void>; measure: (page: Page) => Promise<Sample> };

const busy = 'pricing-prod';

export const scenarios: Scenario[] = [
  { name: 'sign-in page', measure: (p) => measureLoad(p, '/login', (q) => q.getByRole('button', { name: 'Sign in' })) },
  { name: 'fleet dashboard (50 servers)', measure: (p) => measureLoad(p, '/', (q) => q.getByRole('link', { name: 'ads-staging' })) },
  { name: `server page (${busy})`, measure: (p) => measureLoad(p, `/servers/${busy}`, (q) => q.getByRole('table', { name: /backups, newest first/i }).getByRole('row').nth(5)) },
  {
    name: 'backups: filter FAILED',
    prepare: async (p) => {
      await p.goto(`/servers/${busy}`);
      await p.getByRole('table', { name: /backups, newest first/i }).waitFor();
    },
    measure: (p) => measureAction(p, async (q) => void (await q.getByLabel('Backup status').selectOption('FAILED')), (q) => q.getByRole('table', { name: /backups, newest first/i }).getByRole('row', { name: /FAILED/ })),
  },
  { name: 'backup page', measure: (p) => measureLoad(p, `/servers/${busy}/backups/latest`, (q) => q.getByRole('heading', { name: 'Base backup information' })) },
  { name: 'jobs', measure: (p) => measureLoad(p, '/jobs', (q) => q.getByRole('table', { name: /jobs/i }).getByRole('row').nth(20)) },
  { name: 'audit', measure: (p) => measureLoad(p, '/audit', (q) => q.getByRole('table', { name: /audit events/i }).getByRole('row').nth(20)) },
];
