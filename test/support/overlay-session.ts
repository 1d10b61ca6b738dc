import type { Page } from 'playwright-core';
import type { BrowserName, BrowserPage, PageSize } from './browser-page.ts';
import { launchBrowser, type AnyBrowser } from './browsers.ts';
import { DEMO, startDemoServer, type DemoServer } from './demo-server.ts';
import type { ExtensionBrowser } from './extension-browser.ts';
import { hostUrl } from './host-pages.ts';
import { OptionsPage } from './pages.ts';

/** `B`: Chromium, whose pages are playwright's, or any browser, whose pages offer every browser's subset. */
export interface OverlaySession<B extends AnyBrowser = ExtensionBrowser> {
  server: DemoServer;
  browser: B;
  /** Opens a stand-in host page (path under /demo/) in a new tab. */
  host(path: string, options?: PageSize): Promise<[B] extends [ExtensionBrowser] ? Page : BrowserPage>;
  /** The dialogs any host tab raised (a hostile name must raise none). */
  dialogs: string[];
  /** What any host tab's Content-Security-Policy refused (the host's own script or the overlay's): must stay empty. */
  cspViolations: string[];
  close(): Promise<void>;
}

/** The demo server (with `serverEnv` added to its configuration) and a browser (Chromium unless named) with the built extension, signed in as `token` through the options page. */
export async function startOverlaySession(token?: string): Promise<OverlaySession>;
export async function startOverlaySession(token: string, browserName: BrowserName, serverEnv?: Record<string, string>): Promise<OverlaySession<AnyBrowser>>;
export async function startOverlaySession(token: string = DEMO.systemAdmin, browserName: BrowserName = 'chromium', serverEnv: Record<string, string> = {}): Promise<OverlaySession<AnyBrowser>> {
  // Whatever started is stopped if the rest fails (an extension that does not build, a sign-in that does not take):
  // a test file that fails before its own afterAll must not leave a server process running.
  const [started, launched] = await Promise.allSettled([startDemoServer({ env: serverEnv }), launchBrowser(browserName)]);
  const stopStarted = async () => {
    if (launched.status === 'fulfilled') await launched.value.close();
    if (started.status === 'fulfilled') await started.value.stop();
  };
  if (started.status === 'rejected' || launched.status === 'rejected') {
    await stopStarted();
    throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  const [server, browser] = [started.value, launched.value];
  try {
    const options = await browser.open('options.html');
    await new OptionsPage(options).signIn(server.url, token);
    await new OptionsPage(options).signedIn().waitFor();
    await options.close();
  } catch (error) {
    await stopStarted();
    throw error;
  }
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  return {
    server,
    browser,
    dialogs,
    cspViolations,
    host: (path, size) =>
      browser.openUrl(hostUrl(server.url, path), { ...size, dialogs, onConsole: (text) => void (/Content Security Policy/i.test(text) && cspViolations.push(text)) }),
    async close() {
      await browser?.close();
      await server?.stop();
    },
  };
}

/** The chip labels a lookup answer must show, written from the API contract (not from the extension's code). */
export function expectedChips(result: { user: unknown; licenses: { product: string; sku: string | null; state: string; since: string }[]; lastActiveAt: string | null }, inactivityDays = 30, now = Date.now()): string[] {
  if (!result.user) return ['Not in Seatwise'];
  const name = (p: string) => ({ elearn: 'eLearn', weclimb: 'weCLIMB' })[p] ?? p;
  const out: string[] = [];
  const held = (s: string) => s === 'active' || s === 'grace';
  const combined = result.licenses.filter((l) => l.sku === 'combined' && held(l.state));
  if (combined.length) out.push(combined.some((l) => l.state === 'grace') ? 'Combined · grace' : 'Combined');
  for (const l of result.licenses) {
    if (l.sku === 'combined' && held(l.state)) continue;
    out.push(l.state === 'active' ? name(l.product) : l.state === 'grace' ? `${name(l.product)} · grace` : l.state === 'waiting' ? `Waiting · ${name(l.product)}` : `Suspended · ${name(l.product)}`);
  }
  if (!result.licenses.length) out.push('No license');
  const heldSince = result.licenses.filter((l) => held(l.state)).map((l) => Date.parse(l.since));
  if (heldSince.length) {
    // Idle since the later of the last use and the first license held (a new license is not inactive).
    const licensedAt = Math.min(...heldSince);
    const days = Math.floor((now - Math.max(result.lastActiveAt ? Date.parse(result.lastActiveAt) : licensedAt, licensedAt)) / 86_400_000);
    if (days >= inactivityDays) out.push(result.lastActiveAt ? `Inactive ${days} days` : 'Never active');
  }
  return out;
}
