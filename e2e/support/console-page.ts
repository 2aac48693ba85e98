import { expect, type Page } from '@playwright/test';

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** A full-page screenshot in light and in dark, under test-results/screens/. */
export async function screens(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  // Buttons fade their colours: let the change of scheme settle before the picture.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await page.screenshot({ path: `test-results/screens/${name}-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
}
