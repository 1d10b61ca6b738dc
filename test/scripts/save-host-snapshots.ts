/**
 * Saves the rendered HTML of each stand-in host page kind into
 * extension/src/adapters/__snapshots__/, so the site adapters are unit-tested
 * against what the host's own script really renders (not hand-written markup).
 * Run again whenever the stand-in host changes:
 *   cd test && npx tsx scripts/save-host-snapshots.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { serveStandInHost } from '../support/host-server.ts';

const OUT = fileURLToPath(new URL('../../extension/src/adapters/__snapshots__/', import.meta.url));

/** name → path under /demo and what to wait for before saving. */
const PAGES: { name: string; path: string; ready: string; then?: (page: Page) => Promise<void> }[] = [
  { name: 'users-list', path: '/elearn/admin/users', ready: 'tr.user-row' },
  {
    name: 'users-list-bulk',
    path: '/elearn/admin/users',
    ready: 'tr.user-row',
    then: async (page) => {
      await page.locator('input.row-select').nth(0).check();
      await page.locator('input.row-select').nth(2).check();
      await page.locator('button.bulk-action[data-bulk-action="add-role"]').click();
      await page.locator('form#bulk-panel').waitFor();
    },
  },
  { name: 'users-list-weclimb', path: '/weclimb/admin/users?role=observer', ready: 'tr.user-row' },
  { name: 'edit-user', path: '/elearn/admin/users/MT-100002/edit', ready: 'form#edit-user-form' },
  { name: 'edit-user-hostile', path: '/elearn/admin/users/MT-199999/edit', ready: 'form#edit-user-form' },
  { name: 'licenses', path: '/elearn/admin/licenses', ready: 'section.product-card' },
  { name: 'license-claims', path: '/elearn/reports/license-claims', ready: 'tr.claim-row' },
];

const host = await serveStandInHost();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  for (const spec of PAGES) {
    const page = await browser.newPage();
    await page.goto(`${host.url}/demo${spec.path}`);
    await page.locator(spec.ready).first().waitFor();
    await spec.then?.(page);
    // Scripts are dropped: the snapshot is the rendered DOM, and tests must not run the host's code.
    const html = await page.evaluate(() => {
      // Live form state (ticked boxes, typed values) is not in the markup: write it into attributes first.
      document.querySelectorAll('input').forEach((i) => (i.checked ? i.setAttribute('checked', '') : i.removeAttribute('checked')));
      document.querySelectorAll('option').forEach((o) => (o.selected ? o.setAttribute('selected', '') : o.removeAttribute('selected')));
      const doc = document.documentElement.cloneNode(true) as HTMLElement;
      doc.querySelectorAll('script').forEach((s) => s.remove());
      return `<!doctype html>\n${doc.outerHTML}\n`;
    });
    const header = `<!-- Saved from the stand-in host ${spec.path} by test/scripts/save-host-snapshots.ts; do not edit by hand. -->\n`;
    writeFileSync(`${OUT}${spec.name}.html`, header + html);
    console.log(`saved ${spec.name}.html (${html.length} chars)`);
    await page.close();
  }
} finally {
  await browser.close();
  host.close();
}
