import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { BrowserName, ExtensionDriver, PageSize, TabHooks } from './browser-page.ts';

const EXTENSION_ROOT = fileURLToPath(new URL('../../extension/', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const BUILD_SCRIPT = { 'chrome-mv3': 'build', 'firefox-mv3': 'build:firefox' } as const;

const builds = new Map<string, Promise<string>>();

/**
 * Builds the extension for `target` unless that build is newer than every
 * source file. Asynchronous on purpose: a build takes tens of seconds on a
 * loaded machine, and blocking the event loop meanwhile would fire the start
 * timeout of a server launched beside the browser.
 */
export function ensureExtensionBuilt(target: keyof typeof BUILD_SCRIPT = 'chrome-mv3'): Promise<string> {
  const dir = join(EXTENSION_ROOT, '.output', target);
  const manifest = join(dir, 'manifest.json');
  const sources = Math.max(newestMtime(join(EXTENSION_ROOT, 'src')), newestMtime(join(EXTENSION_ROOT, 'entrypoints')), statSync(join(EXTENSION_ROOT, 'wxt.config.ts')).mtimeMs);
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= sources) return Promise.resolve(dir);
  // One build per target at a time in this process (a test may launch two browsers at once).
  const running = builds.get(target);
  if (running) return running;
  const build = new Promise<string>((resolve, reject) => {
    // The build a user makes: not with the test runner's NODE_ENV=test, which would compile the JSX for development
    // (other code than the packages ship, and bigger: the bench weighs this build).
    const { NODE_ENV: _testEnv, ...env } = process.env;
    const child = spawn('pnpm', ['--filter', '@seatwise/extension', BUILD_SCRIPT[target]], { cwd: join(EXTENSION_ROOT, '..'), stdio: 'inherit', env });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(dir) : reject(new Error(`building the extension (${target}) exited with ${code}`))));
  }).finally(() => builds.delete(target));
  builds.set(target, build);
  return build;
}

export interface ExtensionBrowser extends ExtensionDriver {
  readonly name: 'chromium';
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Opens one of the extension's pages (`popup.html`, `options.html`, `reports.html`) in a tab. */
  open(path: string, options?: PageSize): Promise<Page>;
  openUrl(url: string, options?: PageSize & TabHooks): Promise<Page>;
  /** The toolbar badge text, read in the service worker. */
  badge(): Promise<string>;
}

/**
 * Debian's Chromium, headless, with the built extension loaded (never a downloaded browser); `dir`: another unpacked build.
 * `profile`: a profile directory to use and keep (a relaunch with the same one is a browser restart: storage, sign-in and all).
 */
export async function launchWithExtension({ dir: given, profile: kept }: { dir?: string; profile?: string } = {}): Promise<ExtensionBrowser> {
  const dir = given ?? (await ensureExtensionBuilt());
  const profile = kept ?? mkdtempSync(join(tmpdir(), 'seatwise-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    acceptDownloads: true,
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  const openUrl = async (url: string, { width = 1280, height = 900, dialogs, onConsole }: PageSize & TabHooks = {}) => {
    const page = await context.newPage();
    if (dialogs) page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    if (onConsole) page.on('console', (m) => onConsole(m.text()));
    await page.setViewportSize({ width, height });
    await page.goto(url);
    return page;
  };
  return {
    name: 'chromium',
    context,
    extensionId,
    worker,
    open: (path, size) => openUrl(`chrome-extension://${extensionId}/${path}`, size),
    openUrl,
    badge: () => worker.evaluate(() => chrome.action.getBadgeText({})),
    async close() {
      await context.close();
      if (!kept) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where a test's picture goes; Firefox's beside Chromium's, in firefox/. */
export function screenshotPath(name: string, browser: BrowserName = 'chromium'): string {
  const path = join(SCREENSHOTS, browser === 'chromium' ? '' : browser, name);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

declare const chrome: { action: { getBadgeText(details: object): Promise<string> } };
