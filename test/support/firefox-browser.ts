import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type ElementHandle, type JSHandle, type Page } from 'puppeteer-core';
import type { BrowserPage, El, ExtensionDriver, NameOptions, PageSize, Role, TabHooks } from './browser-page.ts';
import { deepQuery, describeSteps, splitDescendants, type Step } from './deep-query.ts';
import { ensureExtensionBuilt } from './extension-browser.ts';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The manifest's gecko id, and the fixed moz-extension:// host we give it. */
const GECKO_ID = 'seatwise@seatwise.dev';
export const FIREFOX_EXTENSION_UUID = '5ea70150-0000-4000-8000-000000000001';
/** How long an action or read waits for its element (playwright waits as long as the test allows; this names the locator sooner). */
const WAIT_MS = 30_000;

const queryExpression = (steps: Step[]) => `(${deepQuery.toString()})(${JSON.stringify(steps)})`;

class FirefoxEl implements El {
  constructor(
    private readonly page: Page,
    private readonly steps: Step[],
  ) {}
  private with(...steps: Step[]) {
    return new FirefoxEl(this.page, [...this.steps, ...steps]);
  }
  locator(css: string) {
    return this.with(...splitDescendants(css).map((part): Step => ({ kind: 'css', css: part })));
  }
  getByRole(role: Role, options: NameOptions = {}) {
    return this.with({ kind: 'role', role, ...options });
  }
  getByText(text: string, options: { exact?: boolean } = {}) {
    return this.with({ kind: 'text', text, ...options });
  }
  filter({ hasText }: { hasText: string }) {
    return this.with({ kind: 'hasText', text: hasText });
  }
  first() {
    return this.with({ kind: 'first' });
  }

  /** Runs `fn` in the page over the current matches, and lets go of them. */
  private async overMatches<R>(fn: (elements: Element[]) => R): Promise<R> {
    const all = (await this.page.evaluateHandle(queryExpression(this.steps))) as JSHandle<Element[]>;
    try {
      return (await all.evaluate(fn as never)) as R;
    } finally {
      await all.dispose();
    }
  }
  /** Runs `fn` on the one element once it exists (and is visible, for actions); more than one is an error, as in playwright. */
  private async withOne<R>(visible: boolean, fn: (el: ElementHandle<HTMLElement>) => Promise<R>): Promise<R> {
    const el = await this.one(visible);
    try {
      return await fn(el);
    } finally {
      await el.dispose();
    }
  }
  private async one(visible: boolean): Promise<ElementHandle<HTMLElement>> {
    const expr = queryExpression(this.steps);
    const check = visible ? `(${expr}).filter((e) => e.checkVisibility())` : expr;
    await this.page.waitForFunction(`(${check}).length > 0`, { polling: 100, timeout: WAIT_MS }).catch((e: Error) => {
      throw new Error(`Firefox: no ${visible ? 'visible ' : ''}element for ${describeSteps(this.steps)} (${e.message})`);
    });
    const one = `(() => { const all = ${expr}; if (all.length > 1) throw new Error(all.length + ' elements'); return all[0]; })()`;
    const handle = await this.page.evaluateHandle(one).catch((e: Error) => {
      throw new Error(`Firefox: ${describeSteps(this.steps)} matched more than one element, expected one (${e.message})`);
    });
    return handle.asElement() as ElementHandle<HTMLElement>;
  }

  async click() {
    await this.withOne(true, (el) => el.click());
  }
  async check() {
    await this.withOne(true, async (el) => {
      if (!(await el.evaluate((e) => (e as HTMLInputElement).checked))) await el.click();
    });
  }
  async fill(value: string) {
    // As a user would: select what is there, then type over it.
    await this.withOne(true, async (el) => {
      await el.evaluate((e) => (e.focus(), (e as HTMLInputElement).select()));
      await (value ? el.type(value) : el.press('Backspace'));
    });
  }
  async selectOption(values: string | string[]) {
    const wanted = [values].flat();
    // What a choice in the list does: the options' selection, then input and change events.
    await this.withOne(true, (el) => el.evaluate((select, want) => {
      for (const o of Array.from((select as unknown as HTMLSelectElement).options)) o.selected = want.includes(o.value);
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, wanted));
    return wanted;
  }
  async press(key: string) {
    // Playwright's key names; puppeteer's BiDi keyboard knows the space bar only as its character.
    await this.withOne(true, (el) => el.press((key === 'Space' ? ' ' : key) as never));
  }
  async textContent() {
    return this.withOne(false, (el) => el.evaluate((e) => e.textContent));
  }
  async getAttribute(name: string) {
    return this.withOne(false, (el) => el.evaluate((e, n) => e.getAttribute(n), name));
  }
  async isChecked() {
    return this.withOne(false, (el) => el.evaluate((e) => (e as HTMLInputElement).checked ?? e.getAttribute('aria-checked') === 'true'));
  }
  async isVisible() {
    return this.overMatches((a) => {
      if (a.length > 1) throw new Error(`${a.length} elements, expected one`);
      return a.length === 1 && a[0]!.checkVisibility() && a[0]!.getClientRects().length > 0;
    });
  }
  async count() {
    return this.overMatches((a) => a.length);
  }
  async waitFor() {
    await this.withOne(true, async () => undefined);
  }
  evaluateAll<R>(fn: (elements: (HTMLElement | SVGElement)[]) => R): Promise<R> {
    return this.overMatches(fn as (elements: Element[]) => R);
  }
}

class FirefoxPage implements BrowserPage {
  private readonly root: FirefoxEl;
  constructor(readonly page: Page) {
    this.root = new FirefoxEl(page, []);
  }
  locator(css: string) {
    return this.root.locator(css);
  }
  getByRole(role: Role, options?: NameOptions) {
    return this.root.getByRole(role, options);
  }
  getByText(text: string, options?: { exact?: boolean }) {
    return this.root.getByText(text, options);
  }
  getByLabel(text: string, options: { exact?: boolean } = {}) {
    return new FirefoxEl(this.page, [{ kind: 'label', text, ...options }]);
  }
  getByTestId(id: string) {
    return new FirefoxEl(this.page, [{ kind: 'testId', id }]);
  }
  goBack() {
    return this.page.goBack({ waitUntil: 'domcontentloaded' });
  }
  evaluate<R>(fn: () => R): Promise<R> {
    return this.page.evaluate(fn) as Promise<R>;
  }
  waitForFunction(fn: () => unknown) {
    return this.page.waitForFunction(fn, { polling: 100, timeout: WAIT_MS });
  }
  screenshot(options: { path: string; fullPage?: boolean }) {
    return this.page.screenshot(options);
  }
  close() {
    return this.page.close();
  }
}

/**
 * Navigates and resolves at DOMContentLoaded. Firefox does not report a
 * moz-extension:// navigation's events to the automation client, so
 * `page.goto` never settles there; the BiDi command itself does.
 */
async function navigate(page: Page, url: string) {
  if (!url.startsWith('moz-extension:')) {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    return;
  }
  const context = (page.mainFrame() as unknown as { browsingContext?: { navigate(url: string, wait: string): Promise<unknown> } }).browsingContext;
  if (typeof context?.navigate !== 'function') throw new Error('puppeteer-core changed: no BiDi browsingContext.navigate on the frame');
  await context.navigate(url, 'interactive');
}

export interface FirefoxBrowser extends ExtensionDriver {
  readonly name: 'firefox';
}

/**
 * Debian's Firefox ESR, headless, driven over WebDriver BiDi, with the built
 * MV3 extension installed as a temporary add-on (unsigned, under a fixed
 * moz-extension:// host). Firefox grants an MV3 extension's `host_permissions`
 * at install (since Firefox 127), so the demo origin is granted as for an admin.
 */
export async function launchFirefoxWithExtension(): Promise<FirefoxBrowser> {
  if (!existsSync(FIREFOX)) throw new Error(`No Firefox at ${FIREFOX}: apt-get install -y firefox-esr (or set FIREFOX_PATH)`);
  const dir = await ensureExtensionBuilt('firefox-mv3');
  const profile = mkdtempSync(join(tmpdir(), 'seatwise-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    // Lets the automation open moz-extension:// pages (refused as privileged URLs otherwise).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'xpinstall.signatures.required': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
    },
  });
  await browser.installExtension(dir);
  const openTab = async (url: string, { width = 1280, height = 900, dialogs, onConsole }: PageSize & TabHooks = {}) => {
    const page = await browser.newPage();
    if (dialogs) page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    if (onConsole) page.on('console', (m) => onConsole(m.text()));
    await page.setViewport({ width, height });
    await navigate(page, url);
    return new FirefoxPage(page);
  };
  return {
    name: 'firefox',
    open: (path, size) => openTab(`moz-extension://${FIREFOX_EXTENSION_UUID}/${path}`, size),
    openUrl: openTab,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
