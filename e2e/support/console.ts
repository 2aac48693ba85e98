import { expect, type APIRequestContext, type Page } from '@playwright/test';

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** A full-page screenshot in light and in dark, for a person to look at. */
export async function screens(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  // Buttons fade between schemes (transition-colors): let them finish before the picture.
  await page.waitForTimeout(400);
  await page.screenshot({ path: `test-results/screens/${name}-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
}

type RunBody = { id: string; status: string; error: string | null };

/** Starts a run through the API and waits until it has finished. */
export async function runToEnd(
  request: APIRequestContext,
  origin: string,
  path: string,
  data: object = {},
): Promise<RunBody> {
  const started = await request.post(path, { data, headers: { origin } });
  expect(started.status(), await started.text()).toBeLessThan(300);
  const { run } = (await started.json()) as { run: RunBody };
  let current = run;
  await expect
    .poll(
      async () => {
        current = (await (await request.get(`/api/runs/${run.id}`)).json()) as RunBody;
        return ['succeeded', 'failed', 'cancelled'].includes(current.status);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return current;
}
