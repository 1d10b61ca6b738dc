import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, tempDbUrl, type ServerProcess } from '../server/server-process.ts';
import { CHROMIUM } from '../support/extension-browser.ts';

/** The API reference renders in Chromium under its own Content-Security-Policy, with nothing refused. */
describe('API reference page', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServerProcess({ DATABASE_URL: tempDbUrl() }),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists every operation, styled from its stylesheet, with no CSP violation', async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && refused.push(m.text())));
    const res = await page.goto(`${server.url}/api/docs`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => page.locator('section.op').count()).toBeGreaterThan(20);
    // The stylesheet applied: the nav is the dark sidebar it declares.
    expect(await page.locator('nav').evaluate((n) => getComputedStyle(n).backgroundColor)).toBe('rgb(16, 42, 67)');
    expect(refused).toEqual([]);
    await page.close();
  });
});
