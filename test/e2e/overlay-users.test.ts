import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, type AnyBrowser } from '../support/browsers.ts';
import { DEMO } from '../support/demo-server.ts';
import { screenshotPath } from '../support/extension-browser.ts';
import { UsersListPage } from '../support/host-pages.ts';
import { expectedChips, startOverlaySession, type OverlaySession } from '../support/overlay-session.ts';
import { generateDemoDistrict } from '../../server/src/demo/district.ts';

let s: OverlaySession<AnyBrowser>;

const lookup = async (externalIds: string[]) => (await s.server.api('POST', '/users/lookup', { externalIds })).body.results as Parameters<typeof expectedChips>[0][];

async function expectChipsMatchApi(users: UsersListPage) {
  const shown = await users.chips();
  const results = await lookup(shown.map((r) => r.hostUserId));
  expect(shown.map((r) => r.chips)).toEqual(results.map((r) => expectedChips(r)));
}

describe.each(BROWSERS)('overlay on the Users list, in %s', (name) => {
  beforeAll(async () => {
    s = await startOverlaySession(DEMO.systemAdmin, name);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows one chip group per row, equal to the API, and the counts bar equal to the dashboard', async () => {
    const page = await s.host('elearn/admin/users');
    const users = new UsersListPage(page);
    await users.ready();
    await expectChipsMatchApi(users);
    const first = (await users.chips())[0]!;
    await expect.poll(() => users.chipGroup(first.email).isVisible()).toBe(true);
    const dash = (await s.server.api('GET', '/dashboard')).body.products as { product: string; assigned: number; total: number; available: number }[];
    for (const p of dash) {
      await expect.poll(() => users.countsBar().locator(`[data-sku="${p.product}"] [data-field="figure"]`).textContent()).toBe(`${p.assigned.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} · ${p.available.toLocaleString('en-US')} available`);
    }
    await page.screenshot({ path: screenshotPath('overlay-users-list.png', name) });
    await page.close();
  });

  it('paging, filtering and client-side navigation leave exactly one chip group per row', async () => {
    const page = await s.host('elearn/admin/users');
    const users = new UsersListPage(page);
    await users.ready();
    await users.next();
    await users.ready();
    expect(await users.groupsPerRow()).toEqual(new Array(await users.rows().count()).fill(1));
    await expectChipsMatchApi(users);
    await users.previous();
    await users.ready();
    await users.filterRole('observer');
    await users.ready();
    expect(await users.groupsPerRow()).toEqual(new Array(await users.rows().count()).fill(1));
    // Away to the Licenses page and back, client-side: the old page's overlays are gone, the new rows have one each.
    await page.locator('#mt-sidebar a.nav-link[data-nav="licenses"]').click();
    await page.locator('section.product-card').first().waitFor();
    expect(await page.locator('seatwise-ui[data-feature="users-chips"]').count()).toBe(0);
    await page.goBack();
    await users.ready();
    expect(await users.groupsPerRow()).toEqual(new Array(await users.rows().count()).fill(1));
    expect(await page.locator('seatwise-ui[data-feature="users-counts-bar"]').count()).toBe(1);
    await expectChipsMatchApi(users);
    await page.close();
  });

  it('renders a hostile user name as text: no dialog, no <img> made from data', async () => {
    const page = await s.host('elearn/admin/users?q=hostile');
    const users = new UsersListPage(page);
    await users.ready();
    const row = users.rows().filter({ hasText: 'hostile.name@lakeview.k12.us' });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => users.chipGroup('hostile.name@lakeview.k12.us').isVisible()).toBe(true);
    expect(await row.locator('td.col-name').textContent()).toContain('<img src=x onerror=alert(1)>');
    const imgs = await page.evaluate(() => {
      const all: Element[] = [...document.querySelectorAll('img')];
      for (const ui of document.querySelectorAll('seatwise-ui')) all.push(...(ui.shadowRoot?.querySelectorAll('img') ?? []));
      return all.length;
    });
    expect(imgs).toBe(0);
    const edit = await s.host('elearn/admin/users/MT-199999/edit');
    await edit.getByRole('region', { name: 'Seatwise license panel' }).getByText('Why no access?').waitFor();
    await new Promise((r) => setTimeout(r, 300)); // room for a dialog to open
    expect(s.dialogs).toEqual([]);
    await edit.close();
    await page.close();
  });

  it('two tabs stay in step: a change in one shows in the other through live updates', async () => {
    const [a, b] = [await s.host('elearn/admin/users?role=observer'), await s.host('elearn/admin/users?role=observer')];
    const ua = new UsersListPage(a);
    const ub = new UsersListPage(b);
    await Promise.all([ua.ready(), ub.ready()]);
    // Someone without a weCLIMB seat... no: an observer holding weCLIMB loses it when Observer is revoked.
    const rows = await ub.chips();
    const target = rows.find((r) => r.chips.some((c) => c === 'weCLIMB'))!;
    expect(target).toBeTruthy();
    const [result] = await lookup([target.hostUserId]);
    const userId = (result!.user as { id: string }).id;
    const edit = await s.host(`elearn/admin/users/${target.hostUserId}/edit`);
    // Unticking only unticks the host form; its Save is what Seatwise follows.
    await edit.getByRole('switch', { name: 'Observer', exact: true }).click();
    await expect.poll(() => edit.getByRole('switch', { name: 'Observer', exact: true }).getAttribute('aria-checked')).toBe('false');
    await edit.locator('#save-user').click();
    await expect.poll(async () => (await s.server.api('GET', `/users/${userId}`)).body.user.roles, { timeout: 15_000 }).not.toContain('observer');
    const after = (await lookup([target.hostUserId]))[0]!;
    const want = expectedChips(after);
    expect(want).not.toEqual(target.chips);
    for (const u of [ua, ub]) {
      await expect.poll(async () => (await u.chips()).find((r) => r.hostUserId === target.hostUserId)?.chips, { timeout: 15_000 }).toEqual(want);
    }
    await s.server.api('PUT', `/users/${userId}/roles/observer`);
    await edit.close();
    await a.close();
    await b.close();
  });

  it('marks a host user Seatwise does not know yet and syncs them with one click', async () => {
    const newHire = generateDemoDistrict().hostOnly[0]!;
    const page = await s.host(`elearn/admin/users?q=${encodeURIComponent(newHire.email)}`);
    const users = new UsersListPage(page);
    await users.ready();
    expect((await users.chips()).map((r) => r.chips)).toEqual([['Not in Seatwise']]);
    expect((await lookup([newHire.externalId]))[0]!.user).toBeNull();
    await page.getByRole('button', { name: `Sync ${newHire.email} to Seatwise` }).click();
    // A learner in a full eLearn pool: synced as a host change, so the license waits for a seat.
    await expect.poll(async () => (await users.chips())[0]!.chips, { timeout: 15_000 }).toEqual(['Waiting · eLearn']);
    const synced = (await lookup([newHire.externalId]))[0]!;
    expect(synced.user).not.toBeNull();
    expect((await users.chips())[0]!.chips).toEqual(expectedChips(synced));
    expect(await page.getByRole('button', { name: `Sync ${newHire.email} to Seatwise` }).count()).toBe(0);
    await page.close();
  });

  it('bulk Change Organizations moves the users in Seatwise too, home organization kept first', async () => {
    const page = await s.host('elearn/admin/users?role=learner');
    const users = new UsersListPage(page);
    await users.ready();
    const [pick] = (await users.chips()).slice(3, 4);
    const orgsOf = async (id: string) => ((await lookup([id]))[0]!.user as { orgIds: string[] }).orgIds;
    const home = (await orgsOf(pick!.hostUserId))[0]!;
    const extra = ['org_school_1', 'org_school_2'].find((id) => id !== home)!;
    await page.locator(`input.row-select[value="${pick!.hostUserId}"]`).check();
    await page.locator('button.bulk-action[data-bulk-action="change-organizations"]').click();
    await page.locator('select#bulk-orgs').selectOption([home, extra]);
    await page.locator('button.bulk-apply').click();
    const progress = page.getByRole('status', { name: 'Seatwise bulk change' });
    await expect.poll(() => progress.getAttribute('data-job-status'), { timeout: 20_000 }).toBe('done');
    expect(await progress.textContent()).toContain('Done: 1 applied');
    expect(await orgsOf(pick!.hostUserId)).toEqual([home, extra]);
    await page.close();
  });

  it('bulk actions: shows the seat effect before Apply and the job progress after', async () => {
    const page = await s.host('elearn/admin/users?role=learner');
    const users = new UsersListPage(page);
    await users.ready();
    const rows = await users.chips();
    const picks = rows.filter((r) => !r.chips.some((c) => c === 'weCLIMB' || c === 'Combined')).slice(0, 2);
    for (const p of picks) await page.locator(`input.row-select[value="${p.hostUserId}"]`).check();
    await page.locator('button.bulk-action[data-bulk-action="add-role"]').click();
    await page.locator('select#bulk-role').selectOption('observer');
    const effect = page.locator('seatwise-ui[data-feature="bulk-seat-preview"] [data-field="bulk-effect"]');
    await expect.poll(() => effect.textContent()).toMatch(/Takes 2 seats of weCLIMB · \d+ available/);
    await page.screenshot({ path: screenshotPath('overlay-bulk-preview.png', name) });
    await page.locator('button.bulk-apply').click();
    const progress = page.getByRole('status', { name: 'Seatwise bulk change' });
    await expect.poll(() => progress.getAttribute('data-job-status'), { timeout: 20_000 }).toBe('done');
    expect(await progress.textContent()).toContain('Done: 2 applied');
    const after = await lookup(picks.map((p) => p.hostUserId));
    for (const r of after) expect(r.licenses.some((l) => l.product === 'weclimb')).toBe(true);
    await page.screenshot({ path: screenshotPath('overlay-bulk-progress.png', name) });
    await page.close();
  });

  // Firefox's CSP reports do not reach the automation's console events (a refused inline script raises none there): an empty list would prove nothing.
  it.skipIf(name !== 'chromium')('the host pages serve a Content-Security-Policy under which the host and the overlay ran with nothing refused', async () => {
    const res = await fetch(`${s.server.url}/demo/elearn/admin/users`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(s.cspViolations).toEqual([]);
  });
});
