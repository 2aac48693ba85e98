import { chromium } from '@playwright/test';
const base = process.env.BASE ?? 'http://127.0.0.1:7599';
const pages = (process.argv[2] ?? '/').split(',');
const dark = process.argv[3] === 'dark';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
await ctx.request.post('/api/auth/login', { data: { username: process.env.WHO ?? 'alice', password: 'bench-password-123' } });
const page = await ctx.newPage();
page.on('console', (m) => { if (m.type() === 'error') console.log('console error', m.text()); });
for (const p of pages) {
  const t = Date.now();
  await page.goto(p);
  await page.waitForTimeout(Number(process.env.WAIT ?? 2500));
  const file = `/tmp/shots/${p.replace(/[/?=&]/g, '_') || 'root'}${dark ? '-dark' : ''}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file, Date.now() - t);
}
await browser.close();
