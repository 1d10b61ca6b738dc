import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, startDemoServer, type DemoServer } from '../support/demo-server.ts';
import { launchWithExtension, screenshotPath, type ExtensionBrowser } from '../support/extension-browser.ts';
import { EditUserPage, UsersListPage } from '../support/host-pages.ts';
import { serveStandInHost } from '../support/host-server.ts';
import { OptionsPage } from '../support/pages.ts';

/**
 * The outbox (issue 9): a host Save made while Seatwise is down, and the
 * browser restarted before it comes back (the same profile, relaunched),
 * still lands once the server is back — exactly once. The platform here is
 * the stand-in host on its own port (it stays up while Seatwise is down),
 * added as a site in the options as an admin would. Chromium.
 */
interface ApiUser { id: string; externalId: string; email: string; roles: string[]; orgIds: string[] }
interface Event { action: string; after: { role?: string; source?: string } | null }

let server: DemoServer | undefined;
let browser: ExtensionBrowser | undefined;
const host = await serveStandInHost();
const profile = mkdtempSync(join(tmpdir(), 'seatwise-profile-'));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  host.close();
  rmSync(profile, { recursive: true, force: true });
});

/** The popup's outbox line ('' when nothing waits). */
async function popupOutbox(b: ExtensionBrowser): Promise<string> {
  const popup = await b.open('popup.html', { width: 400, height: 700 });
  await popup.locator('.popup-body').waitFor();
  await popup.waitForTimeout(500);
  const line = popup.locator('.outbox-line');
  const text = (await line.count()) ? ((await line.textContent()) ?? '') : '';
  await popup.close();
  return text;
}

describe('platform changes waiting for Seatwise, in Chromium', () => {
  it('a host Save while Seatwise is down survives a browser restart and lands once the server is back, exactly once', async () => {
    server = await startDemoServer();
    browser = await launchWithExtension({ profile });
    const options = new OptionsPage(await browser.open('options.html'));
    await options.signIn(server.url, DEMO.systemAdmin);
    await options.signedIn().waitFor();
    await options.page.getByLabel('Site address').fill(host.url);
    await options.page.getByRole('button', { name: 'Add site' }).click();
    await options.page.locator('li.origin').filter({ hasText: host.url }).waitFor();
    await options.page.close();

    const user = ((await server.api('GET', '/users?role=learner&limit=500')).body.users as ApiUser[]).find((u) => u.roles.length === 1 && u.orgIds[0] !== 'org_school_2')!;
    const page = await browser.openUrl(`${host.url}/demo/elearn/admin/users/${user.externalId}/edit`, { height: 1100 });
    const edit = new EditUserPage(page);
    await edit.ready();

    await server.stop();
    await edit.hostCheckbox('observer').check();
    await edit.save();
    await page.locator('#flash-messages .flash.alert-success').waitFor();
    const notice = edit.saveNotice();
    await expect.poll(() => notice.getAttribute('data-state'), { timeout: 30_000 }).toBe('queued');
    await expect.poll(() => edit.panel().locator('.outbox-line').textContent()).toBe('1 platform change waiting to reach Seatwise');
    await page.screenshot({ path: screenshotPath('overlay-outbox-queued.png'), fullPage: true });
    // The platform saved it; Seatwise has not heard.
    expect((await (await fetch(`${host.url}/demo/api/users/${user.externalId}`)).json()).user.roles.sort()).toEqual(['learner', 'observer']);
    const popup = await browser.open('popup.html', { width: 400, height: 700 });
    await popup.locator('.outbox-line').waitFor();
    expect(await popup.locator('.outbox-line').textContent()).toBe('1 platform change waiting to reach Seatwise');
    await popup.screenshot({ path: screenshotPath('popup-outbox.png') });
    await popup.close();

    // The browser closes and starts again (same profile) while Seatwise is still down.
    await browser.close();
    browser = await launchWithExtension({ profile });
    expect(await popupOutbox(browser)).toBe('1 platform change waiting to reach Seatwise');

    await server.restart();
    const roles = async () => ((await server!.api('GET', `/users/${user.id}`)).body.user as ApiUser).roles.sort();
    await expect.poll(roles, { timeout: 90_000, interval: 1_000 }).toEqual(['learner', 'observer']);
    // Exactly once: one grant of Observer, recorded as the platform's change.
    const events = (await server.api('GET', `/users/${user.id}`)).body.events as Event[];
    expect(events.filter((e) => e.action === 'role.grant' && e.after?.role === 'observer').map((e) => e.after?.source)).toEqual(['host']);
    await expect.poll(() => popupOutbox(browser!), { timeout: 30_000 }).toBe('');

    // Seat counts on the platform's Users list are Seatwise's current ones.
    const list = await browser.openUrl(`${host.url}/demo/elearn/admin/users`);
    const users = new UsersListPage(list);
    await users.ready();
    const p = ((await server.api('GET', '/dashboard')).body.products as { product: string; assigned: number; total: number; available: number }[]).find((x) => x.product === 'weclimb')!;
    await expect.poll(() => users.countsBar().locator('[data-sku="weclimb"] [data-field="figure"]').textContent()).toBe(`${p.assigned.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} · ${p.available.toLocaleString('en-US')} available`);
    await list.close();
  });
});
