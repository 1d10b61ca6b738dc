import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, type AnyBrowser } from '../support/browsers.ts';
import { DEMO } from '../support/demo-server.ts';
import { screenshotPath } from '../support/extension-browser.ts';
import { EditUserPage } from '../support/host-pages.ts';
import { startOverlaySession, type OverlaySession } from '../support/overlay-session.ts';

let s: OverlaySession<AnyBrowser>;

interface ApiUser { id: string; externalId: string; roles: string[]; orgIds: string[]; licenses: { product: string; sku: string; state: string }[] }

/** A user in scope matching `ok`, from the API (the demo's ids are not assumed). */
async function findUser(query: string, ok: (u: ApiUser) => boolean): Promise<ApiUser> {
  const users = (await s.server.api('GET', `/users?${query}&limit=500`)).body.users as ApiUser[];
  const found = users.find(ok);
  if (!found) throw new Error(`no demo user for ${query}`);
  return found;
}
const apiUser = async (id: string) => (await s.server.api('GET', `/users/${id}`)).body.user as ApiUser;
const pilot = 'org_school_2'; // its own small weCLIMB pool; the district's pools serve everyone else

describe.each(BROWSERS)('overlay on Edit User, in %s', (name) => {
  beforeAll(async () => {
    s = await startOverlaySession(DEMO.systemAdmin, name);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the license panel, a hint per role, and a quick toggle that grants at once and mirrors into the host form', async () => {
    const user = await findUser('role=learner', (u) => u.roles.length === 1 && u.orgIds[0] !== pilot && u.licenses.some((l) => l.product === 'elearn' && l.sku === 'elearn' && l.state === 'active'));
    const page = await s.host(`elearn/admin/users/${user.externalId}/edit`, { height: 1100 });
    const edit = new EditUserPage(page);
    await edit.ready();
    const preview = (await s.server.api('POST', `/users/${user.id}/roles/preview`, { roles: [...user.roles, 'observer'] })).body;
    const pool = preview.pools.find((p: { product: string }) => p.product === 'weclimb');
    await expect.poll(() => edit.hint('observer').textContent()).toBe(`Tick: takes 1 weCLIMB seat · ${pool.available - 1} seat${pool.available - 1 === 1 ? '' : 's'} left`);
    expect(await edit.panel().getByText('Why no access?').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('overlay-edit-user.png', name), fullPage: true });

    const observer = edit.toggle('Observer');
    expect(await observer.getAttribute('aria-checked')).toBe('false');
    await observer.press('Space'); // keyboard usable
    await expect.poll(() => observer.getAttribute('aria-checked')).toBe('true');
    expect(await edit.hostCheckbox('observer').isChecked()).toBe(true);
    const after = await apiUser(user.id);
    expect(after.roles).toContain('observer');
    expect(after.licenses.some((l) => l.product === 'weclimb' && l.state === 'active')).toBe(true);
    await page.close();
  });

  it('a toggle on a full pool is refused inline with the server’s reason and suggestions, and nothing changes', async () => {
    const user = await findUser('role=observer', (u) => u.roles.length === 1 && !u.licenses.some((l) => l.product === 'elearn'));
    const page = await s.host(`elearn/admin/users/${user.externalId}/edit`, { height: 1100 });
    const edit = new EditUserPage(page);
    await edit.ready();
    await expect.poll(() => edit.hint('learner').textContent()).toBe('Tick: no eLearn seat free');
    await edit.toggle('Learner').click();
    const refusal = edit.refusal();
    await refusal.waitFor();
    const server = (await s.server.api('PUT', `/users/${user.id}/roles/learner`)).body.error;
    expect(await refusal.textContent()).toContain(server.message);
    expect(await refusal.textContent()).toContain(server.suggestions[0].email);
    expect(await edit.toggle('Learner').getAttribute('aria-checked')).toBe('false');
    expect(await edit.hostCheckbox('learner').isChecked()).toBe(false);
    expect((await apiUser(user.id)).roles).toEqual(user.roles);
    await page.screenshot({ path: screenshotPath('overlay-edit-user-refusal.png', name), fullPage: true });
    await page.close();
  });

  it('the host Save is previewed, warned about, synced with source host, and the waiting state shows', async () => {
    const user = await findUser('role=observer', (u) => u.roles.length === 1 && !u.licenses.some((l) => l.product === 'elearn'));
    const page = await s.host(`elearn/admin/users/${user.externalId}/edit`, { height: 1100 });
    const edit = new EditUserPage(page);
    await edit.ready();
    await edit.hostCheckbox('learner').check();
    // The same Save also authorizes a second school: the whole record is synced, home organization first.
    const orgSelect = page.locator('select#user-orgs');
    const options = await orgSelect.locator('option').evaluateAll((els) => els.map((o) => [(o as HTMLOptionElement).value, (o as HTMLOptionElement).selected] as const));
    const extra = options.find(([value, selected]) => !selected && value.startsWith('org_school_'))![0];
    await orgSelect.selectOption([...options.filter(([, selected]) => selected).map(([value]) => value), extra]);
    await edit.save();
    const notice = edit.saveNotice();
    await expect.poll(() => notice.getAttribute('data-state')).toBe('warn');
    expect(await notice.textContent()).toContain('Saving will leave this user waiting for an eLearn seat');
    // Nothing saved yet: the host's own record is unchanged.
    expect((await (await fetch(`${s.server.url}/demo/api/users/${user.externalId}`)).json()).user.roles).toEqual(['observer']);
    await page.screenshot({ path: screenshotPath('overlay-edit-user-save-warning.png', name), fullPage: true });
    await notice.getByRole('button', { name: 'Save anyway' }).click();
    await page.locator('#flash-messages .flash.alert-success').waitFor();
    await expect.poll(() => notice.getAttribute('data-state'), { timeout: 15_000 }).toBe('waiting');
    expect(await notice.textContent()).toContain('Synced to Seatwise: waiting for an eLearn seat');
    const after = await apiUser(user.id);
    expect(after.roles.sort()).toEqual(['learner', 'observer']);
    expect(after.orgIds).toEqual([...user.orgIds, extra]);
    expect(after.licenses.find((l) => l.product === 'elearn')?.state).toBe('waiting');
    await expect.poll(() => edit.panel().getByText('Waiting · eLearn').isVisible()).toBe(true);
    expect((await (await fetch(`${s.server.url}/demo/api/users/${user.externalId}`)).json()).user.roles.sort()).toEqual(['learner', 'observer']);
    await page.screenshot({ path: screenshotPath('overlay-edit-user-waiting.png', name), fullPage: true });
    await page.close();
  });
});
