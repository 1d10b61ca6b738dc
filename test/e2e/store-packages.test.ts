import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startDemoServer, type DemoServer } from '../support/demo-server.ts';
import { launchWithExtension, type ExtensionBrowser } from '../support/extension-browser.ts';
import { OptionsPage } from '../support/pages.ts';

/**
 * The packages that go to the stores (`pnpm zip`, `pnpm zip:firefox`, i.e.
 * `wxt zip --mode store`), checked as shipped: their manifests, their
 * bundles, Mozilla's linter, and the Chrome package running in Chromium.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUTPUT = join(ROOT, 'extension/.output');
const pnpm = (...args: string[]) => execFileSync('pnpm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
const zipNamed = (suffix: string) => join(OUTPUT, readdirSync(OUTPUT).find((f) => f.endsWith(suffix))!);
/** A file out of a zip, as text (Debian's unzip). */
const fromZip = (zip: string, file: string) => execFileSync('unzip', ['-p', zip, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const manifestOf = (zip: string) => JSON.parse(fromZip(zip, 'manifest.json'));
const scriptsOf = (zip: string) => execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.js'));

let chromeZip = '';
let firefoxZip = '';

describe('the store packages', () => {
  beforeAll(() => {
    pnpm('--filter', '@seatwise/extension', 'zip');
    pnpm('--filter', '@seatwise/extension', 'zip:firefox');
    chromeZip = zipNamed('-chrome.zip');
    firefoxZip = zipNamed('-firefox.zip');
  });

  it('carry no loopback host permission and no static content script: the overlay runs only where an admin grants it', () => {
    for (const zip of [chromeZip, firefoxZip]) {
      const manifest = manifestOf(zip);
      expect(manifest.host_permissions ?? []).toEqual([]);
      expect(manifest.content_scripts ?? []).toEqual([]);
      expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
      expect(JSON.stringify(manifest)).not.toMatch(/127\.0\.0\.1|localhost/);
    }
  });

  it('the Firefox package declares its data collection for AMO', () => {
    const gecko = manifestOf(firefoxZip).browser_specific_settings.gecko;
    expect(gecko.data_collection_permissions.required).toEqual(expect.arrayContaining(['authenticationInfo', 'personallyIdentifyingInfo', 'websiteContent']));
  });

  it('no bundle builds code from strings (new Function, eval)', () => {
    for (const zip of [chromeZip, firefoxZip]) {
      const scripts = scriptsOf(zip);
      expect(scripts.length).toBeGreaterThan(3);
      for (const file of scripts) {
        const code = fromZip(zip, file);
        expect(code, file).not.toMatch(/new Function\b|\bFunction\(|\beval\(|=\s*Function\b/);
      }
    }
  });

  it('Mozilla’s addons-linter finds no errors and no eval warnings in the Firefox package', () => {
    let out = '';
    try {
      out = pnpm('--filter', '@seatwise/extension', 'exec', 'addons-linter', '--output', 'json', firefoxZip);
    } catch (error) {
      out = (error as { stdout: string }).stdout; // exits non-zero on errors; the report says which
    }
    const report = JSON.parse(out.slice(out.indexOf('{')));
    expect(report.errors).toEqual([]);
    const evalish = [...report.warnings, ...report.notices].filter((m: { code: string; message: string }) => /EVAL|FUNCTION_CONSTRUCTOR|IMPLIED_EVAL/i.test(m.code) || /eval|Function constructor/i.test(m.message));
    expect(evalish).toEqual([]);
  });
});

describe('the Chrome store package in Chromium', () => {
  let server: DemoServer;
  let browser: ExtensionBrowser;
  let dir = '';

  beforeAll(async () => {
    server = await startDemoServer();
    // The unpacked store build, with the one grant an admin gives at run time (the host's exact origin) written in,
    // since a test cannot click the browser's permission prompt.
    dir = mkdtempSync(join(tmpdir(), 'seatwise-store-'));
    cpSync(join(OUTPUT, 'chrome-mv3-store'), dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.host_permissions = [`${server.url}/*`];
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    browser = await launchWithExtension({ dir });
    const options = await browser.open('options.html');
    await new OptionsPage(options).signIn(server.url, DEMO.systemAdmin);
    await new OptionsPage(options).signedIn().waitFor();
    await options.locator('#origin').fill(server.url);
    await options.getByRole('button', { name: 'Add site' }).click();
    await options.getByText(server.url, { exact: true }).waitFor();
    await options.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs the overlay on the granted site’s admin pages in closed shadow roots a page script cannot read', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/demo/elearn/admin/users`);
    await page.locator('tr.user-row seatwise-ui[data-feature="users-chips"]').first().waitFor({ state: 'attached', timeout: 30_000 });
    const seen = await page.evaluate(() => {
      const hosts = [...document.querySelectorAll('seatwise-ui')];
      return { hosts: hosts.length, open: hosts.filter((h) => h.shadowRoot).length, text: hosts.map((h) => h.textContent).join('') };
    });
    expect(seen.hosts).toBeGreaterThan(0);
    expect(seen.open).toBe(0);
    expect(seen.text).toBe('');
    await page.close();
  });
});
