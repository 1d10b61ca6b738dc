import type { ExtensionBrowser } from './extension-browser.ts';
import { OptionsPage } from './pages.ts';

/** Signs in on the options page in a tab of its own and waits for it to confirm this very sign-in (by its authority's label). */
export async function signInWithOptions(browser: ExtensionBrowser, serverUrl: string, token: string, authority: string) {
  const page = await browser.open('options.html');
  await new OptionsPage(page).signInAs(serverUrl, token, authority);
  await page.close();
}
