import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { DEMO } from '../support/demo-server.ts';
import { screenshotPath } from '../support/extension-browser.ts';
import { EditUserPage } from '../support/host-pages.ts';
import { startOverlaySession, type OverlaySession } from '../support/overlay-session.ts';
import { OptionsPage } from '../support/pages.ts';

interface ApiUser { id: string; externalId: string; roles: string[]; orgIds: string[]; licenses: { product: string; sku: string; state: string; poolId: string | null }[] }
interface Effect { users: number; gain: number; lose: number; wait: number; served: number; products: { product: string; gain: number; lose: number; wait: number }[]; pools: { poolId: string; taken: number; released: number }[] }

/** The Administration page's Organizations and Rules tabs, and the Edit User move preview, against a real demo server in Chromium. */
describe('Administration: organizations and rules', () => {
  let s: OverlaySession;
  beforeAll(async () => {
    s = await startOverlaySession(DEMO.systemAdmin);
  });
  afterAll(async () => {
    await s?.close();
  });

  const orgs = async () => (await s.server.api('GET', '/orgs')).body.orgs as { id: string; name: string; externalId: string | null; products: string[] }[];
  const orgNamed = async (name: string) => (await orgs()).find((o) => o.name === name)!;
  /** Every user homed in `orgId` (or holding `role`), from the API, a page of 500 at a time. */
  async function users(query: string): Promise<ApiUser[]> {
    const out: ApiUser[] = [];
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page = (await s.server.api('GET', `/users?${query}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body as { users: ApiUser[]; nextCursor: string | null };
      out.push(...page.users);
      cursor = page.nextCursor;
    }
    return out;
  }
  const holding = (list: ApiUser[], product: string, state: string) => list.filter((u) => u.licenses.some((l) => l.product === product && l.state === state)).length;
  const headline = (page: Page) => page.locator('.effect-headline strong').textContent();
  /** The sentence the page must show for a preview, written from the API's numbers (not the extension's code). */
  function expectedHeadline(e: Effect): string {
    const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? 'user' : 'users'} ${k === 1 ? one : many}`;
    const parts = [e.gain && n(e.gain, 'gains a license', 'gain a license'), e.wait && n(e.wait, 'waits for a seat', 'wait for a seat'), e.lose && n(e.lose, 'loses a license', 'lose a license')].filter(Boolean);
    const checked = `${e.users.toLocaleString('en-US')} ${e.users === 1 ? 'user' : 'users'} checked`;
    return parts.length ? `${parts.join(', ')} (${checked}).` : `No license changes (${checked}).`;
  }

  async function openAdmin(tab: 'orgs' | 'rules') {
    const page = await s.browser.open(`admin.html#${tab}`, { width: 1280, height: 1000 });
    await page.getByRole('tab', { name: tab === 'orgs' ? 'Organizations' : 'Rules' }).waitFor();
    return page;
  }

  it('Edit User: picking other organizations previews what the move does to licenses, changing nothing', async () => {
    const harbor = await orgNamed('Harbor Point Academy');
    const user = (await users('role=observer')).find((u) => u.roles.length === 1 && u.orgIds.length === 1 && u.orgIds[0] !== harbor.id && u.orgIds[0] !== 'org_school_2' && u.licenses.some((l) => l.product === 'weclimb' && l.state === 'active'))!;
    const licensesBefore = (await s.server.api('GET', `/users/${user.id}`)).body.user.licenses;
    const page = await s.host(`elearn/admin/users/${user.externalId}/edit`, { height: 1100 });
    const edit = new EditUserPage(page);
    await edit.ready();
    const effect = page.locator('seatwise-ui[data-feature="edit-user-org-preview"] [data-field="org-move-effect"]');
    // Harbor Point has not activated weCLIMB: moving the observer there gives the seat back.
    await page.locator('select#user-orgs').selectOption([harbor.id]);
    await expect.poll(() => effect.textContent(), { timeout: 20_000 }).toContain('weCLIMB: loses the license');
    const served = (await s.server.api('POST', `/users/${user.id}/transfer/preview`, { orgIds: [harbor.id] })).body;
    expect(served.changes).toMatchObject([{ kind: 'released', product: 'weclimb' }]);
    expect(await effect.textContent()).toContain('New home organization: Harbor Point Academy');
    await page.screenshot({ path: screenshotPath('admin-edit-user-move-preview.png'), fullPage: true });
    // Back to the organizations Seatwise has: nothing to preview.
    await page.locator('select#user-orgs').selectOption(user.orgIds);
    await expect.poll(() => effect.count()).toBe(0);
    const after = (await s.server.api('GET', `/users/${user.id}`)).body.user as ApiUser;
    expect(after.licenses).toEqual(licensesBefore);
    expect(after.orgIds).toEqual(user.orgIds);
    await page.close();
  });

  it("activates weCLIMB for a school: the preview's numbers, then the licenses follow them", async () => {
    const harbor = await orgNamed('Harbor Point Academy');
    const homed = async () => (await users(`orgId=${harbor.id}`)).filter((u) => u.orgIds[0] === harbor.id);
    const before = await homed();
    expect(holding(before, 'weclimb', 'active')).toBe(0);
    const expected = (await s.server.api('POST', `/orgs/${harbor.id}/preview`, { products: ['elearn', 'weclimb'] })).body as Effect;
    expect(expected.gain).toBeGreaterThan(0);

    const page = await openAdmin('orgs');
    const tree = page.getByRole('navigation', { name: 'Organization tree' });
    await tree.getByRole('button', { name: /Harbor Point Academy/ }).click();
    await page.getByRole('heading', { name: 'Harbor Point Academy' }).waitFor();
    await page.screenshot({ path: screenshotPath('admin-orgs.png'), fullPage: true });
    const products = page.getByRole('group', { name: 'Activated products' });
    expect(await products.getByRole('checkbox', { name: 'weCLIMB' }).isChecked()).toBe(false);
    await products.getByRole('checkbox', { name: 'weCLIMB' }).check();
    await page.getByRole('button', { name: 'Preview license effect' }).click();
    await expect.poll(() => headline(page), { timeout: 60_000 }).toBe(expectedHeadline(expected));
    const weclimb = expected.products.find((p) => p.product === 'weclimb')!;
    const row = page.locator('tr[data-product="weclimb"] td');
    expect(await row.allTextContents()).toEqual([weclimb.gain, weclimb.wait, weclimb.lose].map(String));
    for (const pool of expected.pools) expect(await page.locator(`tr[data-pool="${pool.poolId}"] td`).first().textContent()).toBe(String(pool.taken));
    await page.screenshot({ path: screenshotPath('admin-orgs-preview.png'), fullPage: true });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(page), scheme).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('button', { name: 'Activate weCLIMB for Harbor Point Academy' }).click();
    await page.getByText('Applied').waitFor({ timeout: 120_000 });
    await page.screenshot({ path: screenshotPath('admin-orgs-applied.png'), fullPage: true });
    expect((await orgNamed('Harbor Point Academy')).products.sort()).toEqual(['elearn', 'weclimb']);
    const after = await homed();
    expect(holding(after, 'weclimb', 'active')).toBe(weclimb.gain);
    expect(holding(after, 'weclimb', 'waiting')).toBe(weclimb.wait);
    // The tree says so too, and the editor offers nothing to apply any more.
    await expect.poll(() => page.getByRole('navigation', { name: 'Organization tree' }).getByRole('button', { name: /Harbor Point Academy/ }).textContent()).toContain('eLearn · weCLIMB');
    await page.close();
  });

  it('a platform id taken by another organization is refused in words', async () => {
    const [a, b] = (await orgs()).filter((o) => o.id.startsWith('org_school_'));
    await s.server.api('PATCH', `/orgs/${a!.id}`, { externalId: 'HOST-1001' });
    const page = await openAdmin('orgs');
    await page.getByRole('navigation', { name: 'Organization tree' }).getByRole('button', { name: new RegExp(b!.name) }).click();
    await page.getByRole('textbox', { name: /Platform id/ }).fill('HOST-1001');
    await page.getByRole('button', { name: 'Save platform id' }).click();
    await page.getByRole('alert').getByText('organization id HOST-1001 is already taken').waitFor();
    await page.screenshot({ path: screenshotPath('admin-orgs-error.png'), fullPage: true });
    await page.getByRole('textbox', { name: /Platform id/ }).fill('HOST-1002');
    await page.getByRole('button', { name: 'Save platform id' }).click();
    await page.getByRole('status').getByText('Platform id saved.').waitFor();
    expect((await orgs()).find((o) => o.id === b!.id)!.externalId).toBe('HOST-1002');
    await page.close();
  });

  it('changes a rule: the preview, then the save, and users gain as previewed', async () => {
    const reportersBefore = await users('role=reporter');
    const expected = (await s.server.api('POST', '/rules/preview', { rules: { reporter: ['elearn'] } })).body as Effect;
    expect(expected.gain + expected.wait).toBeGreaterThan(0);

    const page = await openAdmin('rules');
    const cell = page.getByRole('checkbox', { name: 'Reporter: eLearn' });
    await cell.waitFor();
    // A change that changes no license says so: administrators already get every activated product.
    await page.getByRole('checkbox', { name: 'System Administrator: eLearn' }).check();
    await page.getByRole('button', { name: 'Preview license effect' }).click();
    await expect.poll(() => headline(page), { timeout: 60_000 }).toMatch(/^No license changes \(/);
    await page.screenshot({ path: screenshotPath('admin-rules-no-change.png'), fullPage: true });
    await page.getByRole('button', { name: 'Discard changes' }).click();

    await cell.check();
    expect(await page.getByText('1 role changed, not saved.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Preview license effect' }).click();
    await expect.poll(() => headline(page), { timeout: 60_000 }).toBe(expectedHeadline(expected));
    await page.screenshot({ path: screenshotPath('admin-rules-preview.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Applied').waitFor({ timeout: 120_000 });
    expect((await s.server.api('GET', '/rules')).body.rules.reporter).toEqual(['elearn']);
    const reportersAfter = await users('role=reporter');
    expect(holding(reportersAfter, 'elearn', 'active') - holding(reportersBefore, 'elearn', 'active')).toBe(expected.gain);
    expect(holding(reportersAfter, 'elearn', 'waiting') - holding(reportersBefore, 'elearn', 'waiting')).toBe(expected.wait);
    expect(await cell.isChecked()).toBe(true);
    expect(await page.getByText('No change yet.').isVisible()).toBe(true);
    await page.close();
  });

  it("an organization administrator sees its own subtree, previews there, and reads the rules it cannot change", async () => {
    const options = await s.browser.open('options.html');
    await new OptionsPage(options).signIn(s.server.url, DEMO.orgAdmin);
    await expect.poll(() => new OptionsPage(options).signedIn().textContent(), { timeout: 20_000 }).toContain('(Organization administrator)');
    await options.close();
    const scope = (await s.server.api('GET', '/orgs', undefined, DEMO.orgAdmin)).body.orgs as { id: string; name: string }[];
    const expected = (await s.server.api('POST', `/orgs/${scope[0]!.id}/preview`, { products: ['elearn'] }, DEMO.orgAdmin)).body as Effect;

    const page = await openAdmin('orgs');
    const tree = page.getByRole('navigation', { name: 'Organization tree' });
    await tree.getByRole('button').first().waitFor();
    expect((await tree.getByRole('button').allTextContents()).map((t) => scope.find((o) => t.startsWith(o.name))?.id)).toEqual(scope.map((o) => o.id));
    expect(await tree.getByRole('button', { name: /Harbor Point Academy/ }).count()).toBe(0);
    await page.getByRole('group', { name: 'Activated products' }).getByRole('checkbox', { name: 'weCLIMB' }).uncheck();
    await page.getByRole('button', { name: 'Preview license effect' }).click();
    await expect.poll(() => headline(page), { timeout: 60_000 }).toBe(expectedHeadline(expected));
    // The seats its users give back go to users waiting elsewhere in the district, and the preview says how many.
    expect(expected.served).toBeGreaterThan(0);
    expect(await page.locator('.effect-headline').textContent()).toContain(`${expected.served} users already waiting elsewhere get a seat that comes free.`);
    await page.screenshot({ path: screenshotPath('admin-orgs-org-admin.png'), fullPage: true });
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByText('Only system administrators change the rules').waitFor();
    expect(await page.getByRole('checkbox', { name: 'Reporter: eLearn' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Preview license effect' }).count()).toBe(0);
    await page.close();
  });
});
