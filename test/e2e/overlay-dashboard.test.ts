import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../support/extension-browser.ts';
import { ClaimsPage, LicensesPage } from '../support/host-pages.ts';
import { startOverlaySession, type OverlaySession } from '../support/overlay-session.ts';

let s: OverlaySession;

describe('overlay on the Licenses dashboard and License Claims', () => {
  beforeAll(async () => {
    s = await startOverlaySession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows live numbers beside the host’s, the differences highlighted, seats held for open forms, and the open alerts', async () => {
    // An Edit User form somewhere holds a weCLIMB seat: the live numbers count it as held, not assigned.
    const { users } = (await s.server.api('GET', '/users?role=learner&limit=500')).body as { users: { id: string; roles: string[]; licenses: { product: string }[] }[] };
    const learner = users.find((u) => u.roles.length === 1 && !u.licenses.some((l) => l.product === 'weclimb'))!;
    expect((await s.server.api('PUT', `/users/${learner.id}/holds/observer`)).status).toBe(200);
    const page = await s.host('elearn/admin/licenses', { height: 1000 });
    const licenses = new LicensesPage(page);
    const dash = (await s.server.api('GET', '/dashboard')).body.products as { product: string; total: number; assigned: number; held: number; available: number; usagePct: number }[];
    expect(dash.reduce((n, p) => n + p.held, 0)).toBe(1);
    for (const p of dash) {
      await licenses.live(p.product).locator('table').waitFor();
      expect(await licenses.liveFigure(p.product, 'total')).toBe(p.total);
      expect(await licenses.liveFigure(p.product, 'assigned')).toBe(p.assigned);
      expect(await licenses.liveFigure(p.product, 'available')).toBe(p.available);
      expect(await licenses.liveFigure(p.product, 'usage')).toBe(Math.round(p.usagePct));
      expect(await licenses.liveFigure(p.product, 'held')).toBe(p.held);
      const host = await licenses.hostFigure(p.product, 'assigned');
      const diff = licenses.live(p.product).locator('tr[data-stat="assigned"] .diff');
      if (host === p.assigned) expect(await diff.count()).toBe(0);
      else expect(await diff.textContent()).toBe(`${p.assigned > host ? '+' : '−'}${Math.abs(p.assigned - host).toLocaleString('en-US')} vs host`);
    }
    const alerts = (await s.server.api('GET', '/alerts')).body.alerts as { message: string; acknowledged: boolean }[];
    const open = alerts.filter((a) => !a.acknowledged);
    if (open.length) await expect.poll(() => licenses.alerts().textContent()).toContain(open[0]!.message);
    await page.screenshot({ path: screenshotPath('overlay-licenses.png'), fullPage: true });
    await page.close();
  });

  it('License Claims: live counts equal the claims report, and the link opens the full report', async () => {
    const page = await s.host('elearn/reports/license-claims');
    const claims = new ClaimsPage(page);
    const from = await page.locator('#claims-from').inputValue();
    const to = await page.locator('#claims-to').inputValue();
    const query = new URLSearchParams({ limit: '1', ...(from ? { from: `${from}T00:00:00.000Z` } : {}), ...(to ? { to: `${to}T23:59:59.999Z` } : {}) });
    const { seats } = (await s.server.api('GET', `/reports/claims?${query}`)).body as { seats: number };
    await expect.poll(() => claims.summary().locator('[data-field="claims-total"]').textContent()).toContain(`${seats.toLocaleString('en-US')} seats claimed`);
    // A Combined seat is counted once, not once per product it covers.
    const combined = (await s.server.api('GET', `/reports/claims?${query}&sku=combined`)).body as { total: number; seats: number };
    expect(combined.total).toBe(combined.seats * 2);
    await expect.poll(() => claims.summary().locator('[data-sku="combined"] strong').textContent()).toBe(combined.seats.toLocaleString('en-US'));
    await page.locator('tr.claim-row').first().waitFor();
    await page.screenshot({ path: screenshotPath('overlay-license-claims.png') });
    const [report] = await Promise.all([s.browser.context.waitForEvent('page'), claims.summary().getByRole('button', { name: 'Open the full claims report' }).click()]);
    expect(report.url()).toMatch(/reports\.html#claims$/);
    await report.close();
    await page.close();
  });
});
