import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../support/demo-server.ts';
import { screenshotPath } from '../support/extension-browser.ts';
import { EditUserPage, UsersListPage } from '../support/host-pages.ts';
import { startOverlaySession, type OverlaySession } from '../support/overlay-session.ts';

declare global {
  // eslint-disable-next-line no-var
  var __swInjected: string[] | undefined;
}

let s: OverlaySession;

/** Every script the background has run in a tab since the last call, read in the service worker (which wraps `scripting.executeScript` to list them). */
async function injected(): Promise<string[]> {
  return s.browser.worker.evaluate(() => {
    const files = globalThis.__swInjected ?? [];
    globalThis.__swInjected = [];
    return files;
  });
}

/**
 * The overlay's lazy parts (extension/src/overlay/parts.ts) in Chromium: a
 * page loads its bundle only, and a part arrives when the admin first needs
 * it, in time for what they did: the UI it draws shows, working.
 */
describe('the overlay’s lazy parts, in chromium', () => {
  beforeAll(async () => {
    s = await startOverlaySession(DEMO.systemAdmin);
    // A string: the worker's `chrome` is no type of this package.
    await s.browser.worker.evaluate(`(() => {
      globalThis.__swInjected = [];
      const original = chrome.scripting.executeScript.bind(chrome.scripting);
      chrome.scripting.executeScript = (injection) => (globalThis.__swInjected.push(...(injection.files ?? [])), original(injection));
    })()`);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('Users list: the bulk code loads only once a bulk panel is opened, and then previews its seat effect', async () => {
    const page = await s.host('elearn/admin/users?role=learner');
    const users = new UsersListPage(page);
    await users.ready();
    expect(await injected()).toEqual(['/overlay-users-list.js']);
    const picks = (await users.chips()).slice(0, 2);
    for (const p of picks) await page.locator(`input.row-select[value="${p.hostUserId}"]`).check();
    expect(await injected()).toEqual([]);
    await page.locator('button.bulk-action[data-bulk-action="add-role"]').click();
    await page.locator('select#bulk-role').selectOption('observer');
    const effect = page.locator('seatwise-ui[data-feature="bulk-seat-preview"] [data-field="bulk-effect"]');
    await expect.poll(() => effect.textContent(), { timeout: 20_000 }).toMatch(/^Seat effect in Seatwise: /);
    expect(await injected()).toEqual(['/overlay-part-users-bulk.js']);
    await page.screenshot({ path: screenshotPath('overlay-part-users-bulk.png', 'chromium') });
    await page.close();
  });

  it('Edit User: the move preview and Save notices load once other organizations are picked, and then preview the move', async () => {
    const page = await s.host('elearn/admin/users?role=observer');
    const first = (await new UsersListPage(page).ready().then(() => new UsersListPage(page).chips()))[0]!;
    await page.goto(page.url().replace(/users\?.*$/, `users/${first.hostUserId}/edit`));
    const edit = new EditUserPage(page);
    await edit.ready();
    await injected(); // the Users list's and this page's bundles
    const select = page.locator('select#user-orgs');
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, selected: (o as HTMLOptionElement).selected })));
    const other = options.find((o) => !o.selected)!;
    expect(await injected()).toEqual([]);
    await select.selectOption([other.value]);
    const effect = page.locator('seatwise-ui[data-feature="edit-user-org-preview"] [data-field="org-move-effect"]');
    await expect.poll(() => effect.textContent(), { timeout: 20_000 }).toMatch(/^Saving this move/);
    expect(await injected()).toEqual(['/overlay-part-edit-user-save.js']);
    await page.screenshot({ path: screenshotPath('overlay-part-edit-user-save.png', 'chromium'), fullPage: true });
    await page.close();
  });
});
