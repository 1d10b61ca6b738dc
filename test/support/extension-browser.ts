import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

const EXTENSION_ROOT = fileURLToPath(new URL('../../extension/', import.meta.url));
export const EXTENSION_DIR = join(EXTENSION_ROOT, '.output/chrome-mv3');
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

/** Builds the Chrome MV3 extension unless the build is newer than every source file. */
export function ensureExtensionBuilt(): string {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  const sources = Math.max(newestMtime(join(EXTENSION_ROOT, 'src')), newestMtime(join(EXTENSION_ROOT, 'entrypoints')), statSync(join(EXTENSION_ROOT, 'wxt.config.ts')).mtimeMs);
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < sources) {
    execFileSync('pnpm', ['--filter', '@seatwise/extension', 'build'], { cwd: join(EXTENSION_ROOT, '..'), stdio: 'inherit' });
  }
  return EXTENSION_DIR;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Opens one of the extension's pages (`popup.html`, `options.html`, `reports.html`) in a tab. */
  open(page: string, options?: { width?: number; height?: number }): Promise<Page>;
  /** The toolbar badge text, read in the service worker. */
  badge(): Promise<string>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with the built extension loaded (never a downloaded browser); `dir`: another unpacked build. */
export async function launchWithExtension({ dir = ensureExtensionBuilt() }: { dir?: string } = {}): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'seatwise-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    acceptDownloads: true,
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    async open(path, { width = 1280, height = 900 } = {}) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    badge: () => worker.evaluate(() => chrome.action.getBadgeText({})),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}

declare const chrome: { action: { getBadgeText(details: object): Promise<string> } };
