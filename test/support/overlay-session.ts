import type { Page } from 'playwright-core';
import { DEMO, startDemoServer, type DemoServer } from './demo-server.ts';
import { launchWithExtension, type ExtensionBrowser } from './extension-browser.ts';
import { hostUrl } from './host-pages.ts';
import { OptionsPage } from './pages.ts';

export interface OverlaySession {
  server: DemoServer;
  browser: ExtensionBrowser;
  /** Opens a stand-in host page (path under /demo/) in a new tab. */
  host(path: string, options?: { width?: number; height?: number }): Promise<Page>;
  /** The dialogs any host tab raised (a hostile name must raise none). */
  dialogs: string[];
  /** What any host tab's Content-Security-Policy refused (the host's own script or the overlay's): must stay empty. */
  cspViolations: string[];
  close(): Promise<void>;
}

/** The demo server, Chromium with the built extension, signed in as `token` through the options page. */
export async function startOverlaySession(token: string = DEMO.systemAdmin): Promise<OverlaySession> {
  const [server, browser] = await Promise.all([startDemoServer(), launchWithExtension()]);
  const options = await browser.open('options.html');
  await new OptionsPage(options).signIn(server.url, token);
  await new OptionsPage(options).signedIn().waitFor();
  await options.close();
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  return {
    server,
    browser,
    dialogs,
    cspViolations,
    async host(path, { width = 1280, height = 900 } = {}) {
      const page = await browser.context.newPage();
      page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
      page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && cspViolations.push(m.text())));
      await page.setViewportSize({ width, height });
      await page.goto(hostUrl(server.url, path));
      return page;
    },
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
