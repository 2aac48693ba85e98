import type { Locator, Page, Request } from '@playwright/test';

// Two kinds of figures: a page load (navigation start to the page's content on screen, read from
// the page's own clock, so the browser's work is in and Playwright's round trips are out) and an
// interaction (a click or a choice to the changed content, on the wall clock). Both note the
// slowest API answer seen meanwhile, to tell the server's share from the browser's.

export type Sample = { ms: number; slowestApi: { path: string; ms: number } | null };

function watchApi(page: Page): () => Sample['slowestApi'] {
  let slowest: Sample['slowestApi'] = null;
  const onFinished = (request: Request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/')) return;
    const t = request.timing();
    const ms = t.responseEnd - t.requestStart;
    if (ms >= 0 && (!slowest || ms > slowest.ms)) slowest = { path: url.pathname + url.search, ms };
  };
  page.on('requestfinished', onFinished);
  return () => {
    page.off('requestfinished', onFinished);
    return slowest;
  };
}

/** Waits for the content, and for every loading indicator on the page to be gone. */
async function settled(page: Page, ready: Locator): Promise<void> {
  await ready.first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.getByRole('status').filter({ hasText: /^Loading/ }).first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
}

export async function measureLoad(page: Page, url: string, ready: (page: Page) => Locator): Promise<Sample> {
  const stop = watchApi(page);
  await page.goto(url, { waitUntil: 'commit' });
  await settled(page, ready(page));
  const ms = await page.evaluate(() => performance.now());
  return { ms, slowestApi: stop() };
}

export async function measureAction(page: Page, act: (page: Page) => Promise<void>, ready: (page: Page) => Locator): Promise<Sample> {
  const stop = watchApi(page);
  const started = performance.now();
  await act(page);
  await settled(page, ready(page));
  return { ms: performance.now() - started, slowestApi: stop() };
}
