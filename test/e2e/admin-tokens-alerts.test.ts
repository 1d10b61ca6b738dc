import { webhookReceiver } from '@seatwise/server/testing/webhook-receiver';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { DEMO, startDemoServer, type DemoServer } from '../support/demo-server.ts';
import { launchWithExtension, screenshotPath, type ExtensionBrowser } from '../support/extension-browser.ts';
import { ReportsPage } from '../support/pages.ts';
import { signInWithOptions } from '../support/sign-in.ts';

/** The Administration page's Tokens and Alerts tabs, and the Compliance tab's grace days, against a real demo server. */
describe('Administration: tokens and alerts', () => {
  let server: DemoServer;
  let browser: ExtensionBrowser;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  beforeAll(async () => {
    [server, browser, hook] = await Promise.all([startDemoServer(), launchWithExtension(), webhookReceiver()]);
    // Reading the clipboard back needs the permission; the page's own copy does not.
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await hook?.close();
  });

  const signIn = (token: string, authority: string) => signInWithOptions(browser, server.url, token, authority);
  const me = (token: string) => fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  const openTab = async (tab: 'tokens' | 'alerts') => {
    const page = await browser.open(`admin.html#${tab}`, { width: 1280, height: 1000 });
    await page.getByRole('tab', { name: tab === 'tokens' ? 'Tokens' : 'Alerts', selected: true }).waitFor();
    return page;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: screenshotPath(`admin-${name}.png`), fullPage: true });
  /** axe-core finds no serious WCAG 2.1 AA violation, light or dark. */
  async function accessible(page: Page) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousViolations(page), colorScheme).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }

  it('issues a token shown once, copies it, the API accepts it; revoked after asking, the API refuses it', async () => {
    await signIn(DEMO.systemAdmin, 'System administrator');
    const { body } = await server.api('GET', '/users?q=lakeview&limit=5');
    const holder = (body.users as { email: string }[]).find((u) => !u.email.startsWith('admin'))!.email;

    const page = await openTab('tokens');
    await page.getByRole('region', { name: 'Active API tokens' }).waitFor();
    await shot(page, 'tokens');

    // Refused in words: nobody by that email.
    await page.getByLabel('Holder’s email').fill('nobody@nowhere.test');
    await page.getByRole('button', { name: 'Issue token' }).click();
    await page.getByText('No user with the email nobody@nowhere.test in your organizations.').waitFor();

    await page.getByLabel('Holder’s email').fill(holder);
    await page.getByLabel('Authority').selectOption('reporter');
    await page.getByLabel(/^Label/).fill('E2E roster export');
    await page.getByRole('button', { name: 'Issue token' }).click();
    const secret = page.getByLabel('The new token (shown once)');
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token).toMatch(/^sw_/);
    await page.getByText('you won’t see it again').waitFor();
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await shot(page, 'token-issued');
    await accessible(page);

    // It works: the API answers as the holder, with the authority given.
    const accepted = await me(token);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ authority: 'reporter', user: { email: holder } });

    // Listed (never its secret); dismissed, the secret is gone from the page.
    const row = page.getByRole('row', { name: /E2E roster export/ });
    await row.waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.content()).not.toContain(token);

    await page.getByRole('button', { name: `Revoke “E2E roster export” of ${holder}` }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Anything using it').waitFor();
    await shot(page, 'token-revoke-confirm');
    await accessible(page);
    // Escape keeps it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await me(token)).status).toBe(200);
    await page.getByRole('button', { name: `Revoke “E2E roster export” of ${holder}` }).click();
    await page.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText(`Revoked “E2E roster export” of ${holder}`).waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await me(token)).status).toBe(401);
    await page.close();
  });

  it('sets the webhook URL, "send test" reaches a real receiver, thresholds and report recipients are saved; failures in words', async () => {
    const page = await openTab('alerts');
    await page.getByLabel('Webhook URL').waitFor();
    await page.getByText('Alerts go now to nowhere').waitFor();
    expect(await page.getByRole('button', { name: 'Send test' }).isDisabled()).toBe(true);
    await shot(page, 'alerts-empty');

    await page.getByLabel('Webhook URL').fill(hook.url);
    await page.getByRole('button', { name: 'Save alert settings' }).click();
    await page.getByText('Saved: alerts follow these settings').waitFor();
    await page.getByText('Alerts go now to the URL saved here').waitFor();
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText('Delivered to the webhook URL saved here: the receiver answered HTTP 204.').waitFor();
    expect(hook.bodies).toEqual([expect.objectContaining({ type: 'test', sentBy: expect.any(String) })]);
    await shot(page, 'alerts');
    await accessible(page);

    // Thresholds: drop the 90-day reminder, usage from 80 %.
    await page.getByRole('checkbox', { name: '90 days' }).uncheck();
    await page.getByLabel('Usage alert at (% of seats assigned)').fill('80');
    await page.getByRole('button', { name: 'Save alert settings' }).click();
    await expect.poll(async () => (await server.api('GET', '/settings/alerts')).body).toMatchObject({ renewalDays: [60, 30, 7], usagePct: 80, webhook: { url: hook.url, source: 'setting' } });

    // The compliance report's schedule and recipients; a bad address refused naming it, nothing changed.
    await page.getByLabel('How often').selectOption('monthly');
    await page.getByLabel(/^Who gets it by email/).fill('office@lakeview.test\nnot-an-address');
    await page.getByRole('button', { name: 'Save report settings' }).click();
    await page.getByText(/recipients.*not an email address/).waitFor();
    expect((await server.api('GET', '/settings/compliance-report')).body).toEqual({ every: 'weekly', recipients: [] });
    await page.getByLabel(/^Who gets it by email/).fill('office@lakeview.test\nprincipal@lakeview.test');
    await page.getByRole('button', { name: 'Save report settings' }).click();
    await page.getByText('Now sent to 2 people.').waitFor();
    expect((await server.api('GET', '/settings/compliance-report')).body).toEqual({ every: 'monthly', recipients: ['office@lakeview.test', 'principal@lakeview.test'] });

    // The receiver gone: the test says why it failed.
    await hook.close();
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText(/Not delivered to the webhook URL saved here: .*ECONNREFUSED/).waitFor();
    await shot(page, 'alerts-error');
    await page.close();
  });

  it('an organization administrator reads the thresholds, sees only tokens it may, revokes only its own', async () => {
    await signIn(DEMO.orgAdmin, 'Organization administrator');
    const alerts = await openTab('alerts');
    await alerts.getByText('set district-wide by system administrators').waitFor();
    await alerts.getByText('60 days, 30 days, 7 days before a term ends').waitFor();
    expect(await alerts.getByLabel('Webhook URL').count()).toBe(0);
    await shot(alerts, 'alerts-org-admin');
    await accessible(alerts);
    await alerts.close();

    const page = await openTab('tokens');
    const listed = (await server.api('GET', '/tokens', undefined, DEMO.orgAdmin)).body.tokens as { id: string; mine: boolean }[];
    await expect.poll(() => page.getByRole('row').count()).toBe(listed.length + 1);
    expect(listed.length).toBeLessThan((await server.api('GET', '/tokens')).body.tokens.length);
    // Its own token: revoking it says it signs this browser out.
    await page.getByRole('row', { name: /This browser/ }).getByRole('button', { name: /^Revoke/ }).click();
    await page.getByText('This is the token this browser is signed in with').waitFor();
    await page.getByRole('button', { name: 'Revoke and sign out' }).waitFor();
    await page.getByRole('button', { name: 'Keep it' }).click();
    // Issuing above its own authority is not offered; a system administrator's token the server would refuse in words.
    expect(await page.getByLabel('Authority').locator('option').allTextContents()).toEqual(['Reporter', 'Support', 'Organization administrator']);
    await shot(page, 'tokens-org-admin');
    await page.close();
  });

  it('the Compliance tab shows a pool in grace with its grace days left', async () => {
    await signIn(DEMO.systemAdmin, 'System administrator');
    const page = await browser.open('reports.html#compliance', { width: 1280, height: 900 });
    const reports = new ReportsPage(page);
    const pilot = reports.table().getByRole('row', { name: /Riverside weCLIMB pilot/ });
    await pilot.waitFor();
    expect(await pilot.textContent()).toContain('18 days of grace left');
    await page.screenshot({ path: screenshotPath('reports-compliance-grace.png'), fullPage: true });
    await page.close();
  });
});
