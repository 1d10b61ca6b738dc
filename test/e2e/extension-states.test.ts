import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../support/demo-server.ts';
import { launchWithExtension, screenshotPath, type ExtensionBrowser } from '../support/extension-browser.ts';
import { signInWithOptions } from '../support/sign-in.ts';

/** What an admin sees when the token is revoked or the server goes away after signing in. */
describe('connection states after sign-in', () => {
  let server: DemoServer;
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchWithExtension()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signIn = (url: string, token: string, authority: string) => signInWithOptions(browser, url, token, authority);

  it('signed out, the host pages say so once: no endless per-row spinners, no switches that cannot tell the truth', async () => {
    // The development build runs the overlay on the configured server's stand-in host only: configure it, then sign out.
    await signIn(server.url, 'sw_demo_reporter', 'Reporter');
    const options = await browser.open('options.html');
    await options.getByRole('button', { name: 'Sign out' }).click();
    await options.getByTestId('signed-in').waitFor({ state: 'detached' });
    await options.close();
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/demo/elearn/admin/users`);
    await page.locator('tr.user-row').first().waitFor();
    await expect.poll(() => page.getByText('Not signed in').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByText('Checking licenses…').count()).toBe(0);
    await page.goto(`${server.url}/demo/elearn/admin/users/MT-100010/edit`);
    await page.locator('form#edit-user-form').waitFor();
    await expect.poll(() => page.getByText('Not signed in').first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole('switch').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('overlay-signed-out.png') });
    await page.close();
  });

  it('a reader (reporter) sees the license hints on Edit User but no switches', async () => {
    await signIn(server.url, 'sw_demo_reporter', 'Reporter');
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/demo/elearn/admin/users/MT-100010/edit`);
    await page.locator('form#edit-user-form').waitFor();
    await expect.poll(() => page.locator('[data-role-hint]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByRole('switch').count()).toBe(0);
    await page.close();
  });

  it('a revoked token ends the live stream and the popup says the token was revoked', async () => {
    const me = (await server.api('GET', '/me', undefined, 'sw_demo_reporter')).body;
    const issued = (await server.api('POST', '/tokens', { userId: me.user.id, authority: 'reporter', label: 'e2e' })).body;
    await signIn(server.url, issued.token, 'Reporter');
    let page = await browser.open('popup.html', { width: 400, height: 700 });
    await page.locator('li.sku').first().waitFor();
    await page.close();

    expect((await server.api('DELETE', `/tokens/${issued.id}`)).status).toBe(204);
    page = await browser.open('popup.html', { width: 400, height: 700 });
    // The server ends the token's live stream; the background's reconnect is refused (401) and says so.
    await expect.poll(() => page.getByText(/Token (revoked|not accepted)/).first().isVisible(), { timeout: 20_000 }).toBe(true);
    await page.screenshot({ path: screenshotPath('popup-token-revoked.png') });
    await page.close();
  });

  it('a server that goes away shows "Server unreachable" and names it', async () => {
    const second = await startDemoServer();
    await signIn(second.url, 'sw_demo_system_admin', 'System administrator');
    await second.stop();
    const page = await browser.open('popup.html', { width: 400, height: 700 });
    await expect.poll(() => page.getByText(/Server unreachable|Cannot reach the server/).first().isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByText('License numbers appear once Seatwise can be reached.').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('popup-unreachable.png') });
    await page.close();
  });
});
