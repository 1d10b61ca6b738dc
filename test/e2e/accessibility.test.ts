import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { DEMO } from '../support/demo-server.ts';
import { screenshotPath } from '../support/extension-browser.ts';
import { EditUserPage, LicensesPage, UsersListPage } from '../support/host-pages.ts';
import { startOverlaySession, type OverlaySession } from '../support/overlay-session.ts';
import { OptionsPage, PopupPage } from '../support/pages.ts';

const REPORT_TABS = ['claims', 'usage', 'inactive', 'compliance', 'history', 'audit'];

let s: OverlaySession;

/** Until nothing on the page (or in the overlay's open shadow roots) still loads. */
async function settled(page: Page) {
  await page.waitForFunction(() => {
    const busy = (root: Document | ShadowRoot): boolean =>
      !!root.querySelector('.skeleton, .spinner, [aria-busy="true"]') || Array.from(root.querySelectorAll('seatwise-ui')).some((el) => !!el.shadowRoot && busy(el.shadowRoot));
    return !busy(document);
  });
}

/** axe in the light and the dark scheme: no serious or critical WCAG 2.1 AA violation; a screenshot of each to look at. */
async function expectAccessible(page: Page, label: string, within?: string) {
  const found: Record<string, unknown> = {};
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await settled(page);
    await page.screenshot({ path: screenshotPath(`a11y-${label}-${scheme}.png`, 'chromium'), fullPage: true });
    found[scheme] = await seriousViolations(page, within);
  }
  expect(found, label).toEqual({ light: [], dark: [] });
}

/** What Tab reaches, in order: each stop's role or tag, its accessible name, and whether a focus ring shows. */
async function tabStops(page: Page, count: number) {
  const stops: { name: string; ring: boolean }[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        if (!el || el === document.body) return { name: '', ring: false };
        const css = getComputedStyle(el);
        const ring = (css.outlineStyle !== 'none' && parseFloat(css.outlineWidth) > 0) || (css.boxShadow !== 'none' && css.boxShadow !== '');
        const name = el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent || '';
        return { name: `${el.getAttribute('role') ?? el.tagName.toLowerCase()} ${name.replace(/\s+/g, ' ').trim()}`, ring };
      }),
    );
  }
  return stops;
}

describe('accessibility: WCAG 2.1 AA by axe-core, and the keyboard', () => {
  beforeAll(async () => {
    s = await startOverlaySession(DEMO.systemAdmin);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the popup', async () => {
    const page = await s.browser.open('popup.html', { width: 400, height: 800 });
    await new PopupPage(page).figures();
    await expectAccessible(page, 'popup');
    await page.close();
  });

  it('the options page', async () => {
    const page = await s.browser.open('options.html');
    await new OptionsPage(page).signedIn().waitFor();
    await expectAccessible(page, 'options');
    await page.close();
  });

  it.each(REPORT_TABS)('the reports page, %s tab', async (tab) => {
    const page = await s.browser.open(`reports.html#${tab}`);
    await page.getByRole('tabpanel').waitFor();
    await expectAccessible(page, `reports-${tab}`);
    await page.close();
  });

  it('the administration page, pools tab (with a renewal preview open)', async () => {
    const page = await s.browser.open('admin.html#pools');
    await page.getByRole('table').waitFor();
    await page.getByRole('button', { name: /^Renew / }).first().click();
    await page.getByRole('button', { name: 'Preview renewal' }).click();
    await page.getByRole('region', { name: 'Preview' }).waitFor();
    await expectAccessible(page, 'admin-pools');
    await page.close();
  });

  it('the overlay on the Users list', async () => {
    const page = await s.host('elearn/admin/users');
    await new UsersListPage(page).ready();
    await expectAccessible(page, 'overlay-users', 'seatwise-ui');
    await page.close();
  });

  it('the overlay on Edit User', async () => {
    const user = (await s.server.api('GET', '/users?role=learner&limit=1')).body.users[0] as { externalId: string };
    const page = await s.host(`elearn/admin/users/${user.externalId}/edit`, { height: 1100 });
    await new EditUserPage(page).ready();
    await expectAccessible(page, 'overlay-edit-user', 'seatwise-ui');
    await page.close();
  });

  it('the overlay on Licenses', async () => {
    const page = await s.host('elearn/admin/licenses', { height: 1000 });
    await new LicensesPage(page).live('elearn').waitFor();
    await expectAccessible(page, 'overlay-licenses', 'seatwise-ui');
    await page.close();
  });

  it('Tab goes through the popup: every control reached, named, with a visible focus ring', async () => {
    const page = await s.browser.open('popup.html', { width: 400, height: 800 });
    await new PopupPage(page).figures();
    const stops = await tabStops(page, 30);
    const names = stops.map((st) => st.name);
    for (const wanted of ['a Reports', 'button Options', 'input User email', 'button Look up', 'a Open full reports']) expect(names.some((n) => n.startsWith(wanted)), `${wanted} in ${names.join(' | ')}`).toBe(true);
    // Every stop before Tab leaves the page (an empty stop) names itself and shows where focus is.
    for (const st of stops.slice(0, names.indexOf(''))) expect(st, st.name).toMatchObject({ ring: true, name: expect.stringMatching(/^\S+ \S/) });
    await page.close();
  });

  it("Tab reaches the overlay's quick toggles on Edit User, each named, with a visible focus ring", async () => {
    const user = (await s.server.api('GET', '/users?role=learner&limit=1')).body.users[0] as { externalId: string };
    const page = await s.host(`elearn/admin/users/${user.externalId}/edit`, { height: 1100 });
    const edit = new EditUserPage(page);
    await edit.ready();
    expect(await page.getByRole('switch').count()).toBeGreaterThan(0);
    const stops = await tabStops(page, 80);
    // Tab wraps round the page: each switch once.
    const toggles = [...new Map(stops.filter((st) => st.name.startsWith('switch ')).map((st) => [st.name, st])).values()];
    expect(toggles.map((t) => t.name).sort()).toEqual((await page.getByRole('switch').evaluateAll((els) => els.map((e) => `switch ${e.getAttribute('aria-label')}`))).sort());
    for (const t of toggles) expect(t.ring, t.name).toBe(true);
    await page.close();
  });
});
