import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
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
const holdsOf = async (id: string) => (await s.server.api('GET', `/users/${id}/holds`)).body.holds as { role: string; seats: { product: string; poolId: string }[] }[];
const poolSeats = async (id: string) => (await s.server.api('GET', `/pools/${id}`)).body as { assigned: number; held: number; available: number };
const pilot = 'org_school_2';

/** A learner with eLearn and no weCLIMB seat, not one of `used` (which it joins: each test reads only its own user's audit). */
async function learnerWithoutWeclimb(used: string[]): Promise<ApiUser> {
  const user = await findUser('role=learner', (u) => u.roles.length === 1 && u.orgIds[0] !== pilot && !used.includes(u.id) && u.licenses.some((l) => l.product === 'elearn' && l.state === 'active') && !u.licenses.some((l) => l.product === 'weclimb'));
  used.push(user.id);
  return user;
}

/** Opens the user's Edit User page and holds an Observer seat with the switch: the page, and the pool the hold took with its held count then. */
async function holdObserver(user: ApiUser) {
  const page = await s.host(`elearn/admin/users/${user.externalId}/edit`, { height: 1100 });
  const edit = new EditUserPage(page);
  await edit.ready();
  await edit.toggle('Observer').click();
  await edit.held('observer').waitFor();
  const [hold] = await holdsOf(user.id);
  const poolId = hold!.seats[0]!.poolId;
  return { page, edit, poolId, held: (await poolSeats(poolId)).held };
} // its own small weCLIMB pool; the district's pools serve everyone else

describe.each(BROWSERS)('overlay on Edit User, in %s', (name) => {
  beforeAll(async () => {
    s = await startOverlaySession(DEMO.systemAdmin, name);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the license panel, a hint per role, and a quick toggle that holds the seat and ticks the host form; the host Save assigns it', async () => {
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
    await expect.poll(() => edit.held('observer').textContent()).toMatch(/^Held for this form, 1[45] min left$/);
    // Held, not granted: the seat is taken for everyone else, the role waits for the Save.
    const [hold] = await holdsOf(user.id);
    expect(hold).toMatchObject({ role: 'observer', seats: [{ product: 'weclimb', poolId: pool.poolId }] });
    expect(await poolSeats(pool.poolId)).toMatchObject({ assigned: pool.assigned, held: pool.held + 1 });
    expect((await apiUser(user.id)).roles).toEqual(user.roles);
    await page.screenshot({ path: screenshotPath('overlay-edit-user-hold.png', name), fullPage: true });

    await edit.save();
    await expect.poll(() => edit.saveNotice().getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
    const after = await apiUser(user.id);
    expect(after.roles).toContain('observer');
    expect(after.licenses.some((l) => l.product === 'weclimb' && l.state === 'active')).toBe(true);
    expect(await holdsOf(user.id)).toEqual([]);
    expect(await poolSeats(pool.poolId)).toMatchObject({ assigned: pool.assigned + 1, held: pool.held });
    await expect.poll(() => edit.held('observer').count()).toBe(0);
    expect(await observer.getAttribute('aria-checked')).toBe('true');
    await page.close();
  });

  it('toggle then leave without saving: the background gives the held seat back within seconds', async () => {
    const user = await learnerWithoutWeclimb([]);
    const { page, poolId, held } = await holdObserver(user);
    expect(held).toBeGreaterThan(0);
    // Off to another host page, no Save: pagehide tells the background, which releases the hold.
    await page.evaluate(() => location.assign('/demo/elearn/admin/users'));
    await expect.poll(() => holdsOf(user.id), { timeout: 10_000 }).toEqual([]);
    expect(await poolSeats(poolId)).toMatchObject({ held: held - 1 });
    expect((await apiUser(user.id)).roles).toEqual(user.roles);
    const audit = (await s.server.api('GET', `/audit?action=hold.release&subjectId=${user.id}`)).body.entries;
    expect(audit).toMatchObject([{ after: { reason: 'left_page' } }]);
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

/** The Chromium this test process launched (found by parent and its extension flag), so it can be killed without a goodbye. */
function ourChromiums(): Set<number> {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return new Set(out.split('\n').filter((line) => line.includes('--load-extension=')).map((line) => Number(line.trim().split(/\s+/)[0])));
}

describe('seat holds expire on the server (a short HOLD_TTL_SECONDS), in chromium', () => {
  let before: Set<number>;
  beforeAll(async () => {
    before = ourChromiums();
    s = await startOverlaySession(DEMO.systemAdmin, 'chromium', { HOLD_TTL_SECONDS: '12' });
  });
  afterAll(async () => {
    await s?.browser.close().catch(() => undefined);
    await s?.server.stop();
  });

  const used: string[] = [];

  it('expiring while the page is open: the seat goes back, the switch and the host checkbox untick, and the page says why', async () => {
    const user = await learnerWithoutWeclimb(used);
    const { page, edit } = await holdObserver(user);
    expect(await edit.held('observer').textContent()).toBe('Held for this form, under a minute left');
    expect(await edit.hostCheckbox('observer').isChecked()).toBe(true);
    await expect.poll(() => edit.holdExpired('observer').count(), { timeout: 30_000 }).toBe(1);
    expect(await edit.holdExpired('observer').textContent()).toContain('The hold expired');
    expect(await edit.toggle('Observer').getAttribute('aria-checked')).toBe('false');
    expect(await edit.hostCheckbox('observer').isChecked()).toBe(false);
    expect(await holdsOf(user.id)).toEqual([]);
    await page.screenshot({ path: screenshotPath('overlay-edit-user-hold-expired.png', 'chromium'), fullPage: true });
    await page.close();
  });

  it('with the browser gone (killed: no pagehide), the server still expires the hold and the seat comes back', async () => {
    const user = await learnerWithoutWeclimb(used);
    const { poolId, held } = await holdObserver(user);
    const mine = [...ourChromiums()].filter((pid) => !before.has(pid));
    expect(mine).toHaveLength(1);
    process.kill(mine[0]!, 'SIGKILL');
    await expect.poll(() => holdsOf(user.id), { timeout: 30_000 }).toEqual([]);
    expect(await poolSeats(poolId)).toMatchObject({ held: held - 1 });
    expect((await s.server.api('GET', `/audit?action=hold.expire&subjectId=${user.id}`)).body.entries).toMatchObject([{ actorId: null, after: { reason: 'expired' } }]);
    expect((await s.server.api('GET', `/audit?action=hold.release&subjectId=${user.id}`)).body.entries).toEqual([]);
  });
});
