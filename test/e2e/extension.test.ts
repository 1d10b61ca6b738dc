import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserPage } from '../support/browser-page.ts';
import { BROWSERS, chromiumOf, launchBrowser, type AnyBrowser } from '../support/browsers.ts';
import { DEMO, startDemoServer, type DemoServer } from '../support/demo-server.ts';
import { screenshotPath } from '../support/extension-browser.ts';
import { OptionsPage, PopupPage, ReportsPage } from '../support/pages.ts';

let server: DemoServer;
/** Per browser: how soon the popup showed numbers, and how soon a change reached it. */
const figures: Record<string, Record<string, unknown>> = {};

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const dashboardFigures = async () => {
  const { body } = await server.api('GET', '/dashboard');
  return (body.products as { product: string; assigned: number; total: number; available: number; usagePct: number }[]).map((p) => ({
    sku: p.product,
    assigned: p.assigned,
    total: p.total,
    available: p.available,
    usage: `${Math.round(p.usagePct)}%`,
  }));
};

afterAll(() => writeFileSync(screenshotPath('../figures.json'), JSON.stringify(figures, null, 2)));

// The core runs in every browser; the rest uses what only playwright drives (downloads, colour schemes, the service worker).
describe.each(BROWSERS)('the extension against a real server, in %s', (name) => {
  let browser: AnyBrowser;
  const chromiumOnly = it.skipIf(name !== 'chromium');
  const measured: Record<string, unknown> = (figures[name] = {});
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser(name)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows "not signed in" in the popup before sign-in', async () => {
    const page = await browser.open('popup.html', { width: 400, height: 600 });
    await expect.poll(() => page.getByRole('button', { name: 'Open options to sign in' }).isVisible()).toBe(true);
    await page.close();
  });

  it('holds the demo origin from install, with nothing granted by hand', async () => {
    // Firefox makes MV3 host permissions the user's to grant; it grants the manifest's at install (127+), as Chromium does.
    const page: BrowserPage = await browser.open('options.html');
    const granted = await page.evaluate(() => (globalThis as unknown as { chrome: { permissions: { contains(p: object): Promise<boolean> } } }).chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }));
    expect(granted).toBe(true);
    await page.close();
  });

  it('signs in through the options page, with plain-word failures first', async () => {
    const page = await browser.open('options.html');
    const options = new OptionsPage(page);
    await options.signIn('http://127.0.0.1:9', DEMO.systemAdmin);
    await expect.poll(() => options.failure().textContent()).toContain('Cannot reach the server at http://127.0.0.1:9');
    await options.signIn(server.url, 'sw_not_a_token');
    await expect.poll(() => options.failure().textContent()).toMatch(/did not accept the API token/);
    await options.signIn(server.url, DEMO.systemAdmin);
    await options.signedIn().waitFor();
    const me = (await server.api('GET', '/me')).body;
    expect(await options.signedIn().locator('strong').textContent()).toBe(`Signed in as ${me.user.email} (System administrator)`);
    expect(await options.signedIn().locator('li').count()).toBe(me.scope.orgs.length);
    await page.screenshot({ path: screenshotPath('options-light.png', name), fullPage: true });
    await page.close();
  });

  it('popup numbers equal GET /api/v1/dashboard, and it paints from the server first', async () => {
    const page = await browser.open('popup.html', { width: 400, height: 900 });
    const popup = new PopupPage(page);
    measured.popupFirstNumbersFromServer = await popup.firstNumbers();
    expect(await popup.figures()).toEqual(await dashboardFigures());
    const { body } = await server.api('GET', '/dashboard');
    expect(await popup.stat('inactive').textContent()).toBe(body.inactiveAssignments.toLocaleString('en-US'));
    await page.close();
  });

  it('a change made through the API shows up in an open popup without reopening it', async () => {
    const page = await browser.open('popup.html', { width: 400, height: 900 });
    const popup = new PopupPage(page);
    measured.popupFirstNumbersFromCache = await popup.firstNumbers();
    const before = await popup.figures();
    const users = (await server.api('GET', '/users?limit=200')).body.users as { id: string; roles: string[]; licenses: { product: string }[] }[];
    let changed = false;
    // Granting Observer takes a weCLIMB seat (the demo's eLearn pools are full).
    for (const u of users.filter((x) => !x.licenses.some((l) => l.product === 'weclimb'))) {
      const res = await server.api('PUT', `/users/${u.id}/roles/observer`);
      if (res.status === 200 && res.body.changes?.some((c: { kind: string }) => c.kind === 'acquired')) {
        changed = true;
        break;
      }
    }
    expect(changed).toBe(true);
    const expected = await dashboardFigures();
    expect(expected).not.toEqual(before);
    const started = Date.now();
    expect(await until(() => popup.figures(), (f) => JSON.stringify(f) === JSON.stringify(expected))).toEqual(expected);
    measured.liveUpdateMs = Date.now() - started;
    await page.close();
  });

  chromiumOnly('the look-up box shows roles, licenses, last activity and the access diagnosis', async () => {
    const users = (await server.api('GET', '/users?limit=50')).body.users as { id: string; email: string; roles: string[] }[];
    const target = users.find((u) => u.roles.length > 0)!;
    const detail = (await server.api('GET', `/users/${target.id}`)).body;
    const page = await chromiumOf(browser).open('popup.html', { width: 400, height: 1000 });
    const popup = new PopupPage(page);
    const result = await popup.lookUp(target.email.toUpperCase());
    expect(await result.locator('[data-field="roles"]').textContent()).not.toBe('None');
    for (const a of detail.access as { product: string; reason: string }[]) {
      expect(await result.locator(`[data-product="${a.product}"]`).textContent()).toContain(a.reason);
    }
    // A viewport as tall as the content, so the sticky header stays on top in the picture.
    await page.setViewportSize({ width: 400, height: await page.evaluate(() => document.documentElement.scrollHeight) });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: screenshotPath(`popup-${scheme}.png`) });
    }
    await page.getByLabel('User email').fill('nobody-here@example.org');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByText('No user with that email in your organizations.').waitFor();
    await page.close();
  });

  chromiumOnly('the badge counts unacknowledged alerts for an admin, and acknowledging lowers it', async () => {
    const chromium = chromiumOf(browser);
    const alerts = (await server.api('GET', '/alerts')).body.alerts as { id: string; acknowledged: boolean }[];
    const open = alerts.filter((a) => !a.acknowledged);
    const expected = open.length > 99 ? '99+' : open.length ? String(open.length) : '';
    expect(await until(() => chromium.badge(), (b) => b === expected)).toBe(expected);
    if (!open.length) return;
    const page = await chromium.open('popup.html', { width: 400, height: 900 });
    await page.getByRole('button', { name: /^Acknowledge/ }).first().click();
    const after = open.length - 1;
    expect(await until(() => chromium.badge(), (b) => b === (after ? String(after) : ''))).toBe(after ? String(after) : '');
    await page.close();
  });

  chromiumOnly('the reports page downloads claims as CSV, the same as the server gives', async () => {
    const chromium = chromiumOf(browser);
    const page = await chromium.open('reports.html', { width: 1280, height: 900 });
    const reports = new ReportsPage(page);
    await reports.table().waitFor();
    const file = await reports.downloadCsv();
    const serverCsv = await server.text('/reports/claims/export.csv');
    expect(file.filename).toMatch(/\.csv$/);
    expect(file.text.split(/\r?\n/)[0]).toBe(serverCsv.split(/\r?\n/)[0]);
    expect(file.text.trim().split(/\r?\n/).length).toBe(serverCsv.trim().split(/\r?\n/).length);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: screenshotPath(`reports-claims-${scheme}.png`) });
    }
    await reports.tab('Usage over time');
    await page.locator('.chart canvas').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.reload();
      await page.locator('.chart canvas').waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: screenshotPath(`reports-usage-${scheme}.png`) });
    }
    await reports.tab('Compliance');
    await page.getByRole('heading', { name: 'Pools' }).waitFor();
    // The server produced this week's scheduled report when it started; the system admin sees it stored.
    const scheduled = page.locator('#scheduled-reports');
    const { reports: runs } = (await server.api('GET', '/compliance-reports')).body;
    expect(runs).toHaveLength(1);
    await expect.poll(() => scheduled.getByText(runs[0].period, { exact: true }).isVisible()).toBe(true);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), scheduled.getByRole('button', { name: 'CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toBe(`seatwise-compliance-${runs[0].id}.csv`);
    const [viewed] = await Promise.all([chromium.context.waitForEvent('page'), scheduled.getByRole('button', { name: 'View' }).click()]);
    await viewed.getByRole('heading', { name: 'Seatwise compliance report' }).waitFor();
    await viewed.close();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: screenshotPath('reports-compliance-light.png'), fullPage: true });
    await reports.tab('Audit log');
    await page.getByRole('button', { name: 'Check the chain' }).click();
    await expect.poll(() => page.getByText(/Chain intact/).isVisible()).toBe(true);
    // The whole log, as the server streams it, not only the entries loaded on the page.
    const audit = await reports.downloadCsv();
    const serverAudit = await server.text('/audit/export.csv');
    expect(audit.filename).toMatch(/^seatwise-audit-.*\.csv$/);
    expect(audit.text.split(/\r?\n/)[0]).toBe(serverAudit.split(/\r?\n/)[0]);
    expect(audit.text.trim().split(/\r?\n/).length).toBeGreaterThan(100);
    await page.close();
  });

  chromiumOnly('the audit log names people and pools, ids one click away; a user\'s history is one look-up away', async () => {
    const page = await chromiumOf(browser).open('reports.html#audit', { width: 1280, height: 900 });
    const reports = new ReportsPage(page);
    const { entries } = (await server.api('GET', '/audit?action=license.assign&limit=1')).body;
    const entry = entries[0];
    await page.getByLabel('Action').fill('license.assign');
    await page.getByLabel('Action').press('Enter');
    const row = reports.table().locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain(entry.subjectLabel);
    expect(await row.textContent()).toContain(entry.poolName);
    expect(await row.locator('code', { hasText: entry.subjectId }).isVisible()).toBe(false);
    await row.getByText(entry.subjectLabel, { exact: true }).click();
    await expect.poll(() => row.locator('code', { hasText: entry.subjectId }).isVisible()).toBe(true);

    await reports.tab('User history');
    await page.getByText('Look up a user by email').waitFor();
    await page.getByLabel("User's email").fill(entry.subjectLabel);
    await page.getByRole('button', { name: 'Show history' }).click();
    const history = (await server.api('GET', `/reports/history?userId=${entry.subjectId}`)).body;
    await expect.poll(() => reports.table().locator('tbody tr').count()).toBe(history.rows.length);
    await expect.poll(() => reports.table().textContent()).toContain('License assigned');
    await page.screenshot({ path: screenshotPath('reports-history.png') });
    await page.getByLabel("User's email").fill('nobody@nowhere.example');
    await page.getByRole('button', { name: 'Show history' }).click();
    await page.getByText('No user with that email in your organizations.').waitFor();
    await page.close();
  });
});
