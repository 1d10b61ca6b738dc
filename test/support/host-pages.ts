import type { BrowserPage, El } from './browser-page.ts';

/**
 * Page objects for the stand-in host pages with the overlay on them. Host
 * elements by the host's markup contract (server/src/demo-host/README.md);
 * overlay elements by role and accessible name (locators reach into our open
 * shadow roots).
 */
export const hostUrl = (serverUrl: string, path: string) => `${serverUrl}/demo/${path.replace(/^\//, '')}`;

export class UsersListPage {
  constructor(readonly page: BrowserPage) {}
  rows(): El {
    return this.page.locator('tr.user-row');
  }
  chipGroup(email: string): El {
    return this.page.getByRole('group', { name: `Licenses for ${email}`, exact: true });
  }
  allChipGroups(): El {
    return this.page.locator('seatwise-ui[data-feature="users-chips"]');
  }
  countsBar(): El {
    return this.page.getByRole('region', { name: 'Seatwise seat counts' });
  }
  /** Waits until the rows are in and every row's chips are painted. */
  async ready() {
    await this.rows().first().waitFor();
    await this.page.waitForFunction(() => {
      const table = document.querySelector('#users-table');
      const rows = document.querySelectorAll('tr.user-row').length;
      return table && table.getAttribute('aria-busy') !== 'true' && rows > 0 && document.querySelectorAll('tr.user-row seatwise-ui[data-feature="users-chips"][data-ready]').length === rows;
    });
  }
  /** `[{email, chips: [labels]}]` per row, as shown. */
  async chips(): Promise<{ hostUserId: string; email: string; chips: string[] }[]> {
    return this.rows().evaluateAll((rows) =>
      rows.map((row) => {
        const ui = row.querySelector('seatwise-ui[data-feature="users-chips"]');
        const chips = [...(ui?.shadowRoot?.querySelectorAll('.chip') ?? [])].map((c) => c.textContent?.trim() ?? '');
        return { hostUserId: row.getAttribute('data-user-id') ?? '', email: row.querySelector('td.col-email')?.firstChild?.textContent?.trim() ?? '', chips };
      }),
    );
  }
  async next() {
    await this.page.locator('#users-next').click();
  }
  async previous() {
    await this.page.locator('#users-prev').click();
  }
  async filterRole(role: string) {
    await this.page.locator('#filter-role').selectOption(role);
  }
  /** How many chip groups each row holds (must be 1 everywhere). */
  async groupsPerRow(): Promise<number[]> {
    return this.rows().evaluateAll((rows) => rows.map((r) => r.querySelectorAll('seatwise-ui[data-feature="users-chips"]').length));
  }
}

export class EditUserPage {
  constructor(readonly page: BrowserPage) {}
  panel(): El {
    return this.page.getByRole('region', { name: 'Seatwise license panel' });
  }
  toggle(roleLabel: string): El {
    return this.page.getByRole('switch', { name: roleLabel, exact: true });
  }
  hostCheckbox(roleId: string): El {
    return this.page.locator(`input#role-${roleId}`);
  }
  hint(roleId: string): El {
    return this.page.locator(`[data-role-hint="${roleId}"]`);
  }
  /** "Held for this form, 14 min left" beside a role's switch. */
  held(roleId: string): El {
    return this.page.locator(`[data-hold-for="${roleId}"]`);
  }
  holdExpired(roleId: string): El {
    return this.page.locator(`[data-hold-expired="${roleId}"]`);
  }
  refusal(): El {
    return this.page.locator('seatwise-ui[data-feature="role-toggles"]').getByRole('alert');
  }
  saveNotice(): El {
    return this.page.locator('seatwise-ui[data-feature="host-save-watcher"] .notice');
  }
  async save() {
    await this.page.locator('#save-user').click();
  }
  async ready() {
    await this.page.locator('form#edit-user-form').waitFor();
    await this.panel().getByText('Why no access?').waitFor();
    await this.page.locator('[data-role-hint]').first().waitFor();
  }
}

export class LicensesPage {
  constructor(readonly page: BrowserPage) {}
  live(sku: string): El {
    return this.page.getByRole('region', { name: `Seatwise live numbers for ${sku}` });
  }
  async liveFigure(sku: string, stat: string): Promise<number> {
    return Number(await this.live(sku).locator(`tr[data-stat="${stat}"]`).getAttribute('data-live'));
  }
  async hostFigure(sku: string, stat: string): Promise<number> {
    return Number(await this.page.locator(`section.product-card[data-product="${sku}"] [data-stat="${stat}"] .stat-value`).getAttribute('data-value'));
  }
  alerts(): El {
    return this.page.getByRole('list', { name: 'Seatwise alerts' });
  }
}

export class ClaimsPage {
  constructor(readonly page: BrowserPage) {}
  summary(): El {
    return this.page.getByRole('region', { name: 'Seatwise claims' });
  }
}
