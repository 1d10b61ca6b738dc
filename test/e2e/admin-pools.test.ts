import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startDemoServer, type DemoServer } from '../support/demo-server.ts';
import { signInWithOptions } from '../support/sign-in.ts';
import { launchWithExtension, screenshotPath, type ExtensionBrowser } from '../support/extension-browser.ts';
import { PopupPage } from '../support/pages.ts';

const PILOT = 'pool_weclimb_pilot';
const PILOT_NAME = 'Riverside weCLIMB pilot';
const DISTRICT_WECLIMB = 'Lakeview weCLIMB';

/** The Administration page's Pools tab, by its labels and roles. */
class PoolsTab {
  constructor(readonly page: Page) {}
  row(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByText(name, { exact: true }) });
  }
  async ready() {
    await this.page.getByRole('tab', { name: 'Pools' }).waitFor();
    await this.page.getByRole('table').waitFor();
  }
  async open(action: 'Renew' | 'Change', pool: string) {
    await this.page.getByRole('button', { name: `${action} ${pool}` }).click();
    await this.editor().waitFor();
  }
  editor(): Locator {
    return this.page.locator('form.pool-editor');
  }
  preview(): Locator {
    return this.page.getByRole('region', { name: 'Preview' });
  }
  async fill(label: string, value: string) {
    await this.editor().getByLabel(label, { exact: true }).fill(value);
  }
  submit(name: string | RegExp): Locator {
    return this.editor().getByRole('button', { name });
  }
  done(): Locator {
    return this.page.getByRole('status').filter({ hasText: /\S/ });
  }
}

/** The Pools tab against a real demo server: renew, create, change seats and terms, as each authority sees it. */
describe('the Administration page: pools', () => {
  let server: DemoServer;
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchWithExtension()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signIn = (token: string, authority: string) => signInWithOptions(browser, server.url, token, authority);

  async function openPools(): Promise<PoolsTab> {
    const page = await browser.open('admin.html#pools', { width: 1280, height: 1000 });
    const tab = new PoolsTab(page);
    await tab.ready();
    return tab;
  }

  const pool = async (id: string) => (await server.api('GET', `/pools/${id}`)).body;
  /** Users holding a seat of the pool, as the server says. */
  async function holdersOf(id: string): Promise<{ email: string; licenses: { poolId: string | null; state: string }[] }[]> {
    const { users } = (await server.api('GET', '/users?orgId=org_school_2&limit=500')).body;
    return users.filter((u: { licenses: { poolId: string | null }[] }) => u.licenses.some((l) => l.poolId === id));
  }
  const stateOn = (u: { licenses: { poolId: string | null; state: string }[] }, id: string) => u.licenses.find((l) => l.poolId === id)!.state;

  it('a system administrator shortens grace (licenses suspended), then renews and sees them resume: the preview names how many, the list, the popup and the server agree', async () => {
    await signIn(DEMO.systemAdmin, 'System administrator');
    const popup = await browser.open('popup.html', { width: 400, height: 600 });
    const adminLink = popup.getByRole('link', { name: 'Administration' });
    await adminLink.waitFor();
    expect(await adminLink.getAttribute('href')).toBe(`chrome-extension://${browser.extensionId}/admin.html`);
    await popup.close();

    const tab = await openPools();
    const before = await pool(PILOT);
    expect(before.state).toBe('grace');
    expect(before.assigned).toBeGreaterThan(1);
    await expect.poll(() => tab.row(PILOT_NAME).textContent()).toContain('In grace');
    await tab.page.screenshot({ path: screenshotPath('admin-pools.png'), fullPage: true });

    // Grace days: the pilot ended 12 days ago, so 5 days of grace expire it and suspend its licenses.
    await tab.open('Change', PILOT_NAME);
    await tab.fill('Grace days', '5');
    await tab.submit('Preview change').click();
    await expect.poll(() => tab.preview().textContent()).toContain(`${before.assigned} licenses would be suspended`);
    // Nothing changed yet.
    expect((await pool(PILOT)).state).toBe('grace');
    await tab.submit('Apply change').click();
    await expect.poll(() => tab.done().textContent()).toBe(`Changed ${PILOT_NAME}.`);
    await expect.poll(() => tab.row(PILOT_NAME).textContent()).toContain('Expired');
    expect(await pool(PILOT)).toMatchObject({ state: 'expired', graceDays: 5 });
    const holders = await holdersOf(PILOT);
    expect(holders.length).toBe(before.assigned);
    for (const h of holders) expect(stateOn(h, PILOT)).toBe('suspended');

    // Renew: the preview is the server's own, and says how many suspended licenses resume.
    await tab.open('Renew', PILOT_NAME);
    const endsAt = await tab.editor().getByLabel('New end date').inputValue();
    await tab.fill('Seats', String(before.seats + 5));
    const expected = (await server.api('POST', `/pools/${PILOT}/renewals/preview`, { endsAt: `${endsAt}T00:00:00.000Z`, seats: before.seats + 5 })).body;
    expect(expected.licenses).toEqual({ count: before.assigned, before: 'suspended', after: 'active' });
    await tab.submit('Preview renewal').click();
    await expect.poll(() => tab.preview().textContent()).toContain(`${before.assigned} suspended licenses resume`);
    if (expected.served.count > 0) expect(await tab.preview().textContent()).toContain(`get a seat`);
    await tab.page.screenshot({ path: screenshotPath('admin-pools-renew-preview.png'), fullPage: true });
    expect((await pool(PILOT)).state).toBe('expired');
    await tab.submit('Renew pool').click();
    await expect.poll(() => tab.done().textContent()).toBe(`Renewed ${PILOT_NAME}.`);
    await expect.poll(() => tab.row(PILOT_NAME).textContent()).toContain('Active');

    const renewed = await pool(PILOT);
    expect(renewed).toMatchObject({ state: 'active', seats: before.seats + 5, assigned: expected.after.assigned });
    for (const h of await holdersOf(PILOT)) expect(stateOn(h, PILOT)).toBe('active');
    const resumed = (await server.api('GET', `/audit?action=license.resume&limit=500`)).body.entries;
    expect(resumed.length).toBe(before.assigned);

    // The popup shows the pilot active and a holder's license active again.
    const after = new PopupPage(await browser.open('popup.html', { width: 400, height: 800 }));
    await expect.poll(() => after.page.locator(`[data-pool="${PILOT}"]`).textContent()).toContain('Active');
    expect(await (await after.lookUp(holders[0]!.email)).textContent()).toContain('Active');
    await after.page.close();
    await tab.page.close();
  });

  it('creates a pool, cuts seats below assigned only after saying what follows, sets an overage allowance, and shows refusals in words', async () => {
    await signIn(DEMO.systemAdmin, 'System administrator');
    const tab = await openPools();

    await tab.page.getByRole('button', { name: 'New pool' }).click();
    await tab.editor().waitFor();
    // The demo organization administrator's school: they see this pool as theirs to change (below).
    await tab.editor().getByLabel('Organization').selectOption({ label: 'Lakeview High School' });
    await tab.editor().getByLabel('Product').selectOption({ label: 'eLearn' });
    await tab.fill('Name (optional)', 'Summer eLearn');
    await tab.fill('Seats', '1');
    await tab.submit('Create pool').click();
    await expect.poll(() => tab.done().textContent()).toBe('Created Summer eLearn.');
    const created = (await server.api('GET', '/pools')).body.pools.find((p: { name: string }) => p.name === 'Summer eLearn');
    expect(created).toMatchObject({ sku: 'elearn', seats: 1, state: 'active' });
    // Plurals right: "1 seat", and the seats left as the server counts them (a waiting user may have taken the one seat).
    const left = (await pool(created.id)).available;
    const cells = tab.row('Summer eLearn').getByRole('cell');
    await expect.poll(() => cells.nth(3).textContent()).toBe('1 seat');
    expect(await cells.nth(5).textContent()).toBe(`${left} ${left === 1 ? 'seat' : 'seats'} left`);

    // Cutting seats below what is assigned asks first and says what follows (nobody loses a license).
    const district = (await server.api('GET', '/pools')).body.pools.find((p: { name: string }) => p.name === DISTRICT_WECLIMB);
    const cut = 10;
    await tab.open('Change', DISTRICT_WECLIMB);
    await tab.fill('Seats', String(cut));
    await tab.editor().getByText('Fewer seats than licenses assigned').waitFor();
    await tab.submit('Preview change').click();
    const over = district.assigned + district.held - cut;
    await expect.poll(() => tab.preview().textContent()).toContain('Nobody loses a license');
    expect(await tab.preview().textContent()).toContain(`over-allocated by ${district.assigned - cut} seats`);
    expect(over).toBeGreaterThan(0);
    expect((await pool(district.id)).seats).toBe(district.seats);
    await tab.page.screenshot({ path: screenshotPath('admin-pools-cut-preview.png'), fullPage: true });
    await tab.submit(`Cut to ${cut} seats`).click();
    await expect.poll(() => tab.row(DISTRICT_WECLIMB).textContent()).toContain('Over-allocated');
    expect(await pool(district.id)).toMatchObject({ seats: cut, assigned: district.assigned, overAllocated: true });

    // The overage allowance.
    await tab.open('Change', DISTRICT_WECLIMB);
    await tab.fill('Overage allowance (%)', '10');
    await tab.submit('Preview change').click();
    await tab.preview().waitFor();
    await tab.submit(/Apply change|Cut to/).click();
    await expect.poll(() => tab.row(DISTRICT_WECLIMB).textContent()).toContain(`${cut} seats + 10% overage`);
    expect((await pool(district.id)).overagePct).toBe(10);

    // A refusal comes back in words, and changes nothing.
    await tab.open('Change', 'Summer eLearn');
    await tab.fill('End date', '2001-01-01');
    await tab.submit('Preview change').click();
    const alert = tab.editor().getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/The server refused.*endsAt must be after startsAt/);
    expect((await pool(created.id)).endsAt).toBe(created.endsAt);
    // Escape closes the editor, as Cancel does.
    await tab.page.keyboard.press('Escape');
    await tab.editor().waitFor({ state: 'detached' });
    await tab.page.close();
  });

  it("an organization administrator sees the district's pools read-only, in words, and changes its school's own", async () => {
    await signIn(DEMO.orgAdmin, 'Organization administrator');
    const tab = await openPools();
    await tab.page.getByText('Pools owned above them').waitFor();
    const district = tab.row(DISTRICT_WECLIMB);
    expect(await district.textContent()).toContain('Read-only: owned above your organizations');
    expect(await district.getByRole('button').count()).toBe(0);
    // Its own school's pool (Summer eLearn, created above) it may change, and it may record a new one.
    await tab.page.getByRole('button', { name: 'Change Summer eLearn' }).waitFor();
    await tab.page.getByRole('button', { name: 'New pool' }).waitFor();
    await tab.page.screenshot({ path: screenshotPath('admin-pools-org-admin.png'), fullPage: true });
    await tab.page.close();
  });

  it('a reporter is told Administration is for administrators, with no tab that would only fail', async () => {
    await signIn(DEMO.reporter, 'Reporter');
    const page = await browser.open('admin.html#pools', { width: 1280, height: 800 });
    await page.getByText('Administration is for administrators').waitFor();
    expect(await page.getByRole('tab').count()).toBe(0);
    await page.close();
  });

  it('the empty list (a district with no pools yet), and a change while the server is gone, say so in words', async () => {
    const org = (await server.api('POST', '/orgs', { name: 'Empty Valley District', parentId: null })).body;
    const user = (await server.api('POST', '/users', { email: 'admin@empty-valley.test', firstName: 'Eve', lastName: 'Empty', orgIds: [org.id], roles: [] })).body.user;
    const token = (await server.api('POST', '/tokens', { userId: user.id, authority: 'org_admin' })).body.token;
    await signIn(token, 'Organization administrator');
    const tab = await openPoolsEmpty();
    await tab.page.screenshot({ path: screenshotPath('admin-pools-empty.png'), fullPage: true });

    await server.stop();
    await tab.page.getByRole('button', { name: 'New pool' }).click();
    await tab.fill('Seats', '5');
    await tab.submit('Create pool').click();
    const alert = tab.editor().getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 60_000 }).toMatch(/Server unreachable/);
    await tab.page.screenshot({ path: screenshotPath('admin-pools-error.png'), fullPage: true });
    // Focus stays on the form's button: a keyboard user can try again from where they were.
    expect(await tab.page.evaluate(() => document.activeElement?.textContent)).toBe('Create pool');
    await tab.page.close();
  });

  async function openPoolsEmpty(): Promise<PoolsTab> {
    const page = await browser.open('admin.html#pools', { width: 1280, height: 700 });
    await page.getByText('No pools yet. Record a purchase with “New pool”.').waitFor();
    return new PoolsTab(page);
  }
});
