import { expect } from 'vitest';
import type { ExtensionBrowser } from './extension-browser.ts';
import { OptionsPage } from './pages.ts';

/** Signs in on the options page and waits for it to confirm this very sign-in (by its authority's label). For tests (it asserts). */
export async function signInWithOptions(browser: ExtensionBrowser, serverUrl: string, token: string, authority: string) {
  const page = await browser.open('options.html');
  const options = new OptionsPage(page);
  await options.signIn(serverUrl, token);
  await expect.poll(() => options.signedIn().textContent(), { timeout: 20_000 }).toContain(`(${authority})`);
  await page.close();
}
