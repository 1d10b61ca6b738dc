import type { BrowserName } from './browser-page.ts';
import { launchWithExtension, type ExtensionBrowser } from './extension-browser.ts';
import { launchFirefoxWithExtension, type FirefoxBrowser } from './firefox-browser.ts';

/** The browsers the core browser tests run in, each from the same test file (`describe.each(BROWSERS)`). */
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

export type AnyBrowser = ExtensionBrowser | FirefoxBrowser;

/** Debian's Chromium (playwright-core) or Firefox ESR (WebDriver BiDi), with the built extension loaded. */
export function launchBrowser(name: BrowserName): Promise<AnyBrowser> {
  return name === 'chromium' ? launchWithExtension() : launchFirefoxWithExtension();
}

/** The playwright browser behind a Chromium run, for the tests that use more than every browser's subset. */
export function chromiumOf(browser: AnyBrowser): ExtensionBrowser {
  if (browser.name !== 'chromium') throw new Error(`a Chromium-only step ran in ${browser.name}`);
  return browser;
}
