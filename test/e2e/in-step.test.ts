import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../server/server-process.ts';
import { DEMO } from '../support/demo-server.ts';
import { screenshotPath } from '../support/extension-browser.ts';
import { EditUserPage, UsersListPage } from '../support/host-pages.ts';
import { expectedChips, startOverlaySession, type OverlaySession } from '../support/overlay-session.ts';

/**
 * Seatwise and the platform in step (issue 9): drift shown and mended,
 * changes pending on the platform, figures fresh after the server comes
 * back, and an org admin's rows outside its organizations. Chromium.
 */
let s: OverlaySession;

interface ApiUser { id: string; externalId: string; email: string; roles: string[]; orgIds: string[]; licenses: { product: string; sku: string; state: string }[] }
const pilot = 'org_school_2';
async function findUser(query: string, ok: (u: ApiUser) => boolean, skip = 0): Promise<ApiUser> {
  const found = ((await s.server.api('GET', `/users?${query}&limit=500`)).body.users as ApiUser[]).filter(ok)[skip];
  if (!found) throw new Error(`no demo user for ${query}`);
  return found;
}
const apiUser = async (id: string) => (await s.server.api('GET', `/users/${id}`)).body.user as ApiUser;
const hostUrl = (path: string) => `${s.server.url}/demo/api/${path}`;

/** A change made on the platform alone (its own API), which the extension never saw. */
async function changeOnPlatform(externalId: string, change: (u: { roles: string[]; orgIds: string[] }) => void) {
  const user = (await (await fetch(hostUrl(`users/${externalId}`))).json()).user;
  change(user);
  const { id: _id, ...form } = user;
  const res = await fetch(hostUrl(`users/${externalId}`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(form) });
  expect(res.status).toBe(200);
}

const drift = (page: Page, email: string) => page.getByRole('group', { name: `Out of step: ${email}`, exact: true });
const summary = (page: Page) => page.getByRole('status', { name: 'Seatwise out of step' });

describe('Seatwise and the platform in step, in Chromium', () => {
  beforeAll(async () => {
    s = await startOverlaySession(DEMO.systemAdmin);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a change made on the platform alone shows as out of step, counted, and one click makes Seatwise match', async () => {
    const user = await findUser('role=learner', (u) => u.roles.length === 1 && u.orgIds[0] !== pilot && u.licenses.some((l) => l.product === 'elearn' && l.state === 'active'));
    await changeOnPlatform(user.externalId, (u) => u.roles.push('observer'));
    const page = await s.host(`elearn/admin/users?q=${encodeURIComponent(user.email)}`);
    const users = new UsersListPage(page);
    await users.ready();
    await expect.poll(() => drift(page, user.email).textContent()).toContain('Platform: Learner, Observer · Seatwise: Learner');
    expect(await summary(page).getAttribute('data-out-of-step')).toBe('1');
    expect(await summary(page).textContent()).toContain('1 row on this page out of step with Seatwise');
    // Drawn in the row's own slot with its chips (a layout boundary), not beside it: the cell holds nothing else of ours.
    expect(await page.locator('td.col-email > seatwise-row seatwise-ui').evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-feature')))).toEqual(['users-chips', 'users-drift']);
    expect(await page.locator('td.col-email > seatwise-ui').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('overlay-out-of-step.png') });
    await page.getByRole('button', { name: `Use the platform’s roles and organizations for ${user.email}` }).click();
    // Synced as a host change: never refused; the weCLIMB seat is taken, or the license waits for one.
    await expect.poll(async () => (await apiUser(user.id)).roles.sort(), { timeout: 15_000 }).toEqual(['learner', 'observer']);
    expect((await apiUser(user.id)).licenses.find((l) => l.product === 'weclimb')?.state).toMatch(/active|waiting/);
    await expect.poll(() => drift(page, user.email).count(), { timeout: 15_000 }).toBe(0);
    expect(await summary(page).count()).toBe(0);
    const [after] = (await s.server.api('POST', '/users/lookup', { externalIds: [user.externalId] })).body.results;
    expect((await users.chips())[0]!.chips).toEqual(expectedChips(after));
    await page.close();
  });

  it('a change Seatwise made is pending on the platform, with its step, on the row and in Edit User until the platform applies it', async () => {
    const user = await findUser('role=learner', (u) => u.roles.length === 1 && u.orgIds[0] !== pilot, 5);
    expect((await s.server.api('DELETE', `/users/${user.id}/roles/learner`)).status).toBe(200);
    const page = await s.host(`elearn/admin/users?q=${encodeURIComponent(user.email)}`);
    await new UsersListPage(page).ready();
    const row = drift(page, user.email);
    await expect.poll(() => row.textContent()).toContain('Platform: Learner · Seatwise: no roles');
    const pending = page.getByRole('list', { name: `Pending on the platform for ${user.email}` });
    await expect.poll(() => pending.textContent()).toMatch(/Pending on the platform: Learner revoked in Seatwise on \d{4}-\d\d-\d\d\. On the platform: Edit User → untick Learner → Save\./);
    await page.screenshot({ path: screenshotPath('overlay-pending-on-platform.png') });

    const editPage = await s.host(`elearn/admin/users/${user.externalId}/edit`, { height: 1200 });
    const edit = new EditUserPage(editPage);
    await edit.page.locator('form#edit-user-form').waitFor();
    const inEdit = editPage.getByRole('list', { name: `Pending on the platform for ${user.email}` });
    await expect.poll(() => inEdit.textContent()).toContain('Learner revoked in Seatwise');
    await editPage.screenshot({ path: screenshotPath('overlay-edit-user-pending.png'), fullPage: true });
    // The admin takes the step on the platform: untick Learner, Save. Then both sides agree.
    await editPage.locator('input#role-learner').uncheck();
    await edit.save();
    await editPage.locator('#flash-messages .flash.alert-success').waitFor();
    await expect.poll(() => drift(editPage, user.email).count(), { timeout: 15_000 }).toBe(0);
    expect((await apiUser(user.id)).roles).toEqual([]);
    await editPage.close();
    await page.close();
    // The list as the platform renders it now: in step.
    const again = await s.host(`elearn/admin/users?q=${encodeURIComponent(user.email)}`);
    await new UsersListPage(again).ready();
    await again.waitForTimeout(1_000);
    expect(await drift(again, user.email).count()).toBe(0);
    await again.close();
  });

  it('after the server restarts, the seat counts are re-read and the dot is blue only while the stream is connected', async () => {
    const page = await s.host('elearn/admin/users');
    const users = new UsersListPage(page);
    await users.ready();
    const dot = users.countsBar().locator('.brand-dot');
    await expect.poll(() => dot.getAttribute('data-live'), { timeout: 20_000 }).toBe('true');
    const figure = (sku: string) => users.countsBar().locator(`[data-sku="${sku}"] [data-field="figure"]`).textContent();
    const expected = async (api: (m: string, p: string) => Promise<{ body: any }>) => {
      const p = ((await api('GET', '/dashboard')).body.products as { product: string; assigned: number; total: number; available: number }[]).find((x) => x.product === 'weclimb')!;
      return `${p.assigned.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} · ${p.available.toLocaleString('en-US')} available`;
    };
    expect(await figure('weclimb')).toBe(await expected(s.server.api));

    await s.server.stop();
    await expect.poll(() => dot.getAttribute('data-live'), { timeout: 30_000 }).toBe('false');
    expect(await dot.getAttribute('aria-label')).toContain('Not live');
    await page.screenshot({ path: screenshotPath('overlay-not-live.png') });
    // Meanwhile another server process on the same database frees a weCLIMB seat: nothing of it reaches this browser.
    const other = await startServerProcess({ DEMO: '1', DATABASE_URL: s.server.databaseUrl });
    try {
      const otherApi = (method: string, path: string) => fetch(`${other.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${DEMO.systemAdmin}` } }).then(async (r) => ({ body: await r.json() }));
      const holder = ((await otherApi('GET', '/users?role=observer&limit=500')).body.users as ApiUser[]).find((u) => u.roles.length === 1 && u.licenses.some((l) => l.sku === 'weclimb' && l.state === 'active'))!;
      await otherApi('DELETE', `/users/${holder.id}/roles/observer`);
      const fresh = await expected(otherApi);
      expect(fresh).not.toBe(await figure('weclimb'));
      await s.server.restart();
      await expect.poll(() => figure('weclimb'), { timeout: 45_000 }).toBe(fresh);
      await expect.poll(() => dot.getAttribute('data-live'), { timeout: 20_000 }).toBe('true');
    } finally {
      await other.stop();
    }
    await page.close();
  });
});

describe('an org admin on the host page, in Chromium', () => {
  let o: OverlaySession;
  beforeAll(async () => {
    o = await startOverlaySession(DEMO.orgAdmin);
  });
  afterAll(async () => {
    await o?.close();
  });

  it('rows outside its organizations say so, offer no sync, and tell nothing of Seatwise', async () => {
    const me = (await o.server.api('GET', '/me', undefined, DEMO.orgAdmin)).body;
    const mine = new Set((me.scope.orgs as { id: string }[]).map((x) => x.id));
    const page = await o.host('elearn/admin/users?rows=100');
    const users = new UsersListPage(page);
    await users.ready();
    const rows = await users.rows().evaluateAll((trs) => trs.map((tr) => ({ id: tr.getAttribute('data-user-id')!, email: tr.querySelector('td.col-email')?.firstChild?.textContent?.trim() ?? '', orgs: [...tr.querySelectorAll('td.col-orgs [data-org-id]')].map((x) => x.getAttribute('data-org-id')!) })));
    const outside = rows.filter((r) => !r.orgs.some((id) => mine.has(id)));
    const inside = rows.filter((r) => r.orgs.some((id) => mine.has(id)));
    expect(outside.length).toBeGreaterThan(0);
    expect(inside.length).toBeGreaterThan(0);
    const shown = new Map((await users.chips()).map((r) => [r.hostUserId, r.chips]));
    for (const r of outside) expect(shown.get(r.id)).toEqual(['Outside your organizations']);
    expect(await page.getByRole('button', { name: 'to Seatwise' }).count()).toBe(0);
    const answers = (await o.server.api('POST', '/users/lookup', { externalIds: inside.map((r) => r.id) }, DEMO.orgAdmin)).body.results;
    inside.forEach((r, i) => expect(shown.get(r.id)).toEqual(expectedChips(answers[i])));
    await page.screenshot({ path: screenshotPath('overlay-org-admin-outside.png') });
    const edit = await o.host(`elearn/admin/users/${outside[0]!.id}/edit`, { height: 1100 });
    await expect.poll(() => edit.getByRole('region', { name: 'Seatwise license panel' }).textContent()).toContain('This user is outside your organizations');
    await edit.close();
    await page.close();
  });
});
