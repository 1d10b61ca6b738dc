import type { Locator, Page } from 'playwright-core';
import type { BrowserPage, El } from './browser-page.ts';

/** The options page, by its labels. */
export class OptionsPage {
  constructor(readonly page: BrowserPage) {}
  async signIn(serverUrl: string, token: string) {
    await this.page.getByLabel('Server URL').fill(serverUrl);
    await this.page.getByLabel('API token').fill(token);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
  signedIn(): El {
    return this.page.getByTestId('signed-in');
  }
  /** Signs in and waits (up to 20 s) until the page confirms this very sign-in, by its authority ("System administrator"). */
  async signInAs(serverUrl: string, token: string, authority: string) {
    await this.signIn(serverUrl, token);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const text = (await this.signedIn().textContent().catch(() => null)) ?? '';
      if (text.includes(`(${authority})`)) return;
      if (Date.now() > deadline) throw new Error(`the options page never said "(${authority})"; it says "${text}"`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  failure(): El {
    return this.page.getByRole('alert');
  }
}

export interface SkuFigures {
  sku: string;
  assigned: number;
  total: number;
  available: number;
  usage: string;
}

const int = (s: string | null) => Number((s ?? '').replace(/[^\d-]/g, ''));

/** The toolbar popup opened as a page. */
export class PopupPage {
  constructor(readonly page: BrowserPage) {}
  sku(sku: string): El {
    return this.page.locator(`li.sku[data-sku="${sku}"]`);
  }
  async figures(): Promise<SkuFigures[]> {
    await this.page.locator('li.sku').first().waitFor();
    return this.page.locator('li.sku').evaluateAll((items) =>
      items.map((li) => {
        const f = (name: string) => li.querySelector(`[data-field="${name}"]`)?.textContent ?? '';
        return { sku: li.getAttribute('data-sku') ?? '', assigned: f('assigned'), total: f('total'), available: f('available'), usage: f('usage') };
      }),
    ).then((rows) => rows.map((r) => ({ ...r, assigned: int(r.assigned), total: int(r.total), available: int(r.available) })));
  }
  stat(name: string): El {
    return this.page.locator(`[data-stat="${name}"] .stat-value`);
  }
  async lookUp(email: string): Promise<El> {
    await this.page.getByLabel('User email').fill(email);
    await this.page.getByRole('button', { name: 'Look up' }).click();
    const result = this.page.getByTestId('lookup-result');
    await result.waitFor();
    return result;
  }
  async firstNumbers(): Promise<{ ms: number; source: string } | null> {
    await this.page.waitForFunction(() => (globalThis as any).__seatwise?.firstNumbers.value !== null);
    return this.page.evaluate(() => (globalThis as any).__seatwise.firstNumbers.value);
  }
}

/** The extension's reports page (Chromium: downloads go through playwright). */
export class ReportsPage {
  constructor(readonly page: Page) {}
  async tab(name: string) {
    await this.page.getByRole('tab', { name }).click();
  }
  table(): Locator {
    return this.page.locator('table.table');
  }
  async downloadCsv(): Promise<{ filename: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: 'Download CSV' }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return { filename: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}
