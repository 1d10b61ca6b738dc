import type { LookupResult } from '@seatwise/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../server/src/demo/district.ts';
import { EditUserPage, UsersListPage } from '../support/host-pages.ts';
import { serveStandInHost } from '../support/host-server.ts';
import { startOverlaySession, type OverlaySession } from '../support/overlay-session.ts';

/**
 * A hostile script on the host page, in real Chromium with the development
 * build (open shadow roots, so the script can even reach our buttons): it
 * must not make Seatwise write anything with the admin's token. Every
 * attack runs in the page's own world (`page.evaluate`), as a page script
 * does; the admin's own input is Playwright's (trusted) input.
 */
let s: OverlaySession;

interface ApiUser { id: string; externalId: string; email: string; firstName: string; lastName: string; roles: string[]; orgIds: string[] }
const apiUser = async (id: string) => (await s.server.api('GET', `/users/${id}`)).body.user as ApiUser;
async function findUser(query: string, ok: (u: ApiUser) => boolean): Promise<ApiUser> {
  const found = ((await s.server.api('GET', `/users?${query}&limit=500`)).body.users as ApiUser[]).find(ok);
  if (!found) throw new Error(`no demo user for ${query}`);
  return found;
}
const lookup = async (externalId: string) => (await s.server.api('POST', '/users/lookup', { externalIds: [externalId] })).body.results[0] as LookupResult;
const hostRecord = async (externalId: string) => (await (await fetch(`${s.server.url}/demo/api/users/${externalId}`)).json()).user as { roles: string[]; firstName: string };

/** Long enough for a write the overlay would have sent to land (they take tens of milliseconds here). */
const settle = (page: Page) => page.waitForTimeout(2_000);

/** In the page's world: a "saved" flash, again and again, as a forger would show one after its fake submit. */
function fakeSavedFlashes() {
  let n = 0;
  const timer = setInterval(() => {
    const flash = document.createElement('div');
    flash.className = 'flash alert alert-success';
    flash.textContent = 'User saved';
    document.querySelector('#flash-messages')?.replaceChildren(flash);
    if (++n > 30) clearInterval(timer);
  }, 200);
}

describe('a hostile page script against the overlay', () => {
  beforeAll(async () => {
    s = await startOverlaySession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('cannot press a role switch: not by click(), not by synthetic mouse or key events; the admin’s own click still works', async () => {
    const user = await findUser('role=learner', (u) => u.roles.length === 1);
    const page = await s.host(`elearn/admin/users/${user.externalId}/edit`, { height: 1100 });
    const edit = new EditUserPage(page);
    await edit.ready();
    await edit.toggle('Observer').waitFor();
    const reached = await page.evaluate(() => {
      const hosts = [...document.querySelectorAll('seatwise-ui[data-feature="role-toggles"]')];
      const sw = hosts.map((h) => h.shadowRoot?.querySelector<HTMLButtonElement>('button[role="switch"][aria-label="Observer"]')).find(Boolean);
      if (!sw) return false;
      sw.click();
      sw.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      sw.focus();
      for (const key of [' ', 'Enter']) {
        sw.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
        sw.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, composed: true }));
      }
      return true;
    });
    expect(reached).toBe(true); // the dev build's roots are open: the script did reach the switch
    await settle(page);
    expect((await apiUser(user.id)).roles).toEqual(user.roles);
    expect((await s.server.api('GET', `/users/${user.id}/holds`)).body.holds).toEqual([]);
    expect(await edit.toggle('Observer').getAttribute('aria-checked')).toBe('false');
    // The admin's own click holds the seat (the host Save would then grant the role).
    await edit.toggle('Observer').click();
    await expect.poll(async () => (await s.server.api('GET', `/users/${user.id}/holds`)).body.holds.map((h: { role: string }) => h.role)).toEqual(['observer']);
    await page.close();
  });

  it('cannot get a forged Edit User form with a fake "saved" flash synced: only what the platform saved is', async () => {
    const user = await findUser('role=observer', (u) => u.roles.length === 1);
    const page = await s.host(`elearn/admin/users/${user.externalId}/edit`, { height: 1100 });
    await new EditUserPage(page).ready();
    await page.evaluate(() => {
      const real = document.querySelector<HTMLFormElement>('form#edit-user-form')!;
      const forged = real.cloneNode(true) as HTMLFormElement;
      // A fresh form as far as anyone can tell: none of the overlay's own elements or markers.
      forged.querySelectorAll('seatwise-ui').forEach((ui) => ui.remove());
      for (const attr of [...forged.attributes]) if (attr.name.startsWith('data-seatwise-')) forged.removeAttribute(attr.name);
      forged.setAttribute('data-forged', '');
      for (const box of forged.querySelectorAll<HTMLInputElement>('input[name="roles"]')) box.checked = true;
      forged.querySelector<HTMLInputElement>('input[name="firstName"]')!.value = 'Forged';
      forged.addEventListener('submit', (e) => e.preventDefault()); // the page's own: no navigation, nothing sent to the host
      real.after(forged);
    });
    // The overlay has taken the forged form up (its Save watcher draws under it from the first Save on).
    await page.locator('form[data-forged] seatwise-ui[data-feature="role-toggles"]').first().waitFor({ state: 'attached' });
    const notice = page.locator('form[data-forged] seatwise-ui[data-feature="host-save-watcher"] .notice');
    // Every role ticked needs seats that are not free: the overlay asks first, and the script cannot answer for the admin.
    await page.evaluate(() => document.querySelector<HTMLFormElement>('form[data-forged]')!.requestSubmit());
    await expect.poll(() => notice.getAttribute('data-state'), { timeout: 20_000 }).toBe('warn');
    const pressed = await page.evaluate(() => {
      const ui = document.querySelector('form[data-forged] seatwise-ui[data-feature="host-save-watcher"]');
      const button = [...(ui?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Save anyway');
      button?.click();
      return !!button;
    });
    expect(pressed).toBe(true);
    await settle(page);
    expect(await notice.getAttribute('data-state')).toBe('warn');
    // Then the same roles as the platform's, a new name, a submit and a "saved" flash: nothing the platform saved, nothing synced.
    await page.evaluate((roles) => {
      const forged = document.querySelector<HTMLFormElement>('form[data-forged]')!;
      for (const box of forged.querySelectorAll<HTMLInputElement>('input[name="roles"]')) box.checked = roles.includes(box.value);
      forged.requestSubmit();
    }, user.roles);
    await page.evaluate(fakeSavedFlashes);
    await expect.poll(() => notice.getAttribute('data-state'), { timeout: 20_000 }).toBe('unconfirmed');
    expect(await notice.textContent()).toContain('shows no change');
    const after = await apiUser(user.id);
    expect([after.roles, after.firstName]).toEqual([user.roles, user.firstName]);
    expect((await hostRecord(user.externalId)).roles).toEqual(user.roles);
    await page.close();
  });

  it('cannot get a forged bulk panel applied: no user whose platform record did not change is synced', async () => {
    const page = await s.host('elearn/admin/users?role=learner');
    const users = new UsersListPage(page);
    await users.ready();
    const picks = (await users.chips()).slice(0, 2).map((r) => r.hostUserId);
    const before = await Promise.all(picks.map(lookup));
    await page.evaluate((ids) => {
      for (const id of ids) document.querySelector<HTMLInputElement>(`input.row-select[value="${id}"]`)!.checked = true;
      const panel = document.createElement('form');
      panel.id = 'bulk-panel';
      panel.setAttribute('data-action', 'add-role');
      const role = document.createElement('select');
      role.name = 'role';
      role.append(new Option('Observer', 'observer', true, true));
      panel.append(role);
      panel.addEventListener('submit', (e) => e.preventDefault()); // nothing is sent to the host
      document.querySelector('#bulk-actions')!.after(panel);
    }, picks);
    await page.locator('form#bulk-panel seatwise-ui[data-feature="bulk-seat-preview"]').waitFor({ state: 'attached' });
    await page.evaluate(() => document.querySelector<HTMLFormElement>('form#bulk-panel')!.requestSubmit());
    await page.evaluate(fakeSavedFlashes);
    const progress = page.getByRole('status', { name: 'Seatwise bulk change' });
    await expect.poll(() => progress.getAttribute('data-job-status'), { timeout: 20_000 }).toBe('done');
    expect(await progress.textContent()).toContain('Done: 0 applied, 2 unchanged on the platform');
    for (const [i, id] of picks.entries()) expect((await lookup(id)).roles).toEqual(before[i]!.roles);
    await page.close();
  });

  it('cannot press Sync to Seatwise; the admin’s own click syncs the platform’s record, not the forged row', async () => {
    const newHire = generateDemoDistrict().hostOnly[0]!;
    const page = await s.host(`elearn/admin/users?q=${encodeURIComponent(newHire.email)}`);
    await new UsersListPage(page).ready();
    const sync = page.getByRole('button', { name: `Sync ${newHire.email} to Seatwise` });
    await sync.waitFor();
    // In the row's own slot, below its chips.
    expect(await page.locator('td.col-email > seatwise-row seatwise-ui').evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-feature')))).toEqual(['users-chips', 'unknown-user-sync']);
    const reached = await page.evaluate(() => {
      const row = document.querySelector('tr.user-row')!;
      // Forge the row the way a page script could: other roles, another name and organization.
      row.querySelector('td.col-roles')!.innerHTML = '<span class="role-badge" data-role="system_administrator">System Administrator</span>';
      row.querySelector('a.user-name-link')!.textContent = 'Forged, Name';
      row.querySelector('td.col-orgs')!.innerHTML = '<span class="org-name" data-org-id="org_district">District</span>';
      const button = [...document.querySelectorAll('seatwise-ui[data-feature="unknown-user-sync"]')].map((h) => h.shadowRoot?.querySelector<HTMLButtonElement>('button')).find(Boolean);
      button?.click();
      return !!button;
    });
    expect(reached).toBe(true);
    await settle(page);
    expect((await lookup(newHire.externalId)).user).toBeNull();
    await sync.click();
    await expect.poll(async () => (await lookup(newHire.externalId)).user, { timeout: 15_000 }).not.toBeNull();
    const { user: synced, roles } = await lookup(newHire.externalId);
    expect([roles, synced!.firstName, synced!.lastName, synced!.orgIds]).toEqual([newHire.roles, newHire.firstName, newHire.lastName, newHire.orgIds]);
    await page.close();
  });

  it('a page on another local port gets no overlay (and the overlay is registered on the demo server’s port only)', async () => {
    const other = await serveStandInHost();
    try {
      const page = await s.browser.context.newPage();
      await page.goto(`${other.url}/demo/elearn/admin/users`);
      await page.locator('tr.user-row').first().waitFor();
      const registered = await s.browser.worker.evaluate(async () => (await (globalThis as any).chrome.scripting.getRegisteredContentScripts()).flatMap((r: { matches: string[] }) => r.matches));
      expect(registered.length).toBeGreaterThan(0);
      for (const m of registered) expect(m.startsWith(`${s.server.url}/demo/`)).toBe(true);
      await settle(page);
      expect(await page.locator('seatwise-ui').count()).toBe(0);
      await page.close();
      // The same page on the demo server's own port does get it.
      const ours = await s.host('elearn/admin/users');
      await new UsersListPage(ours).ready();
      await ours.close();
    } finally {
      other.close();
    }
  });
});
