import { describe, expect, it } from 'vitest';
import { currentPageKind } from './shell.ts';
import { allWithin } from './selectors.ts';
import { editUserAdapter } from './edit-user.ts';
import { licenseClaimsAdapter } from './license-claims.ts';
import { licensesAdapter } from './licenses.ts';
import { loadSnapshot } from './snapshot.ts';
import { usersListAdapter } from './users-list.ts';

describe('shell', () => {
  it.each([
    ['users-list', 'users-list'],
    ['edit-user', 'edit-user'],
    ['licenses', 'licenses'],
    ['license-claims', 'license-claims'],
  ])('tells the %s page kind', (file, kind) => {
    expect(currentPageKind(loadSnapshot(file))).toBe(kind);
  });
});

describe('allWithin', () => {
  it("finds what the browser's own element-scoped query finds, in its order, whatever the selector's form", () => {
    document.body.innerHTML = `<table><tbody><tr id="r"><td class="a"><span data-x="1"><i data-x="2"></i></span></td><td class="b"><span data-x="3"></span></td>
      <td class="a"><div class="a"><span data-x="4" class="y"></span></div><span data-x="5"></span></td></tr></tbody></table><span data-x="6"></span>`;
    const row = document.getElementById('r')!;
    for (const selector of ['td.a [data-x]', ' .a  [data-x] ', 'td [data-x].y', 'td.a > [data-x]', 'td.a [data-x], td.b [data-x]', 'td:is(.a) [data-x]', 'tr td.a span', '[data-x]', 'table td.b [data-x]', 'td.c [data-x]', 'tr [data-x]']) {
      expect(allWithin(row, selector), selector).toEqual([...row.querySelectorAll(selector)]);
    }
    // An `outer` above the row counts too, as in the browser (selectors match in the whole document; the row only bounds what is returned).
    expect(allWithin(row, 'table [data-x]').map((e) => e.getAttribute('data-x'))).toEqual(['1', '2', '3', '4', '5']);
    expect(allWithin(row, 'tbody .y').map((e) => e.getAttribute('data-x'))).toEqual(['4']);
  });
});

describe('users list adapter', () => {
  const doc = loadSnapshot('users-list');
  const adapter = usersListAdapter();
  const rows = [...doc.querySelectorAll(adapter.selectors.rows)];

  it('reads every user row as plain data, skipping placeholders', () => {
    expect(rows).toHaveLength(25);
    const first = adapter.readRow(rows[0]!)!;
    expect(first).toMatchObject({ hostUserId: expect.stringMatching(/^MT-\d+$/), email: expect.stringContaining('@'), roles: expect.any(Array) });
    expect(first.name).toBe(`${first.lastName}, ${first.firstName}`);
    expect(first.orgIds.length).toBeGreaterThan(0);
    expect(first.anchor.element.matches('td.col-email')).toBe(true);
    expect(doc.querySelectorAll(`${adapter.selectors.table} tr.loading-row`)).toHaveLength(0);
  });

  it('says where the counts bar goes', () => {
    const table = doc.querySelector(adapter.selectors.table)!;
    expect(table.id).toBe('users-table');
    expect(adapter.countsAnchor(table)).toEqual({ element: table, where: 'before' });
    expect(adapter.progressAnchor(doc.querySelector(adapter.selectors.bulkToolbar)!).element.id).toBe('bulk-actions');
  });

  it('reads the ticked rows and the open bulk panel', () => {
    const bulk = loadSnapshot('users-list-bulk');
    expect(adapter.selectedIds(bulk)).toHaveLength(2);
    const panel = bulk.querySelector(adapter.selectors.bulkPanel)!;
    expect(adapter.readBulkPanel(panel)).toEqual({ kind: 'add-role', role: null });
    panel.querySelector<HTMLSelectElement>('select')!.value = 'observer';
    expect(adapter.readBulkPanel(panel)).toEqual({ kind: 'add-role', role: 'observer' });
  });

  it('takes an admin override for a named selector, and ignores unknown names', () => {
    const custom = usersListAdapter({ 'users-list': { emailCell: 'td.col-orgs', nonsense: 'div' } });
    expect(custom.selectors.emailCell).toBe('td.col-orgs');
    expect('nonsense' in custom.selectors).toBe(false);
    expect(custom.readRow(rows[0]!)!.anchor.element.matches('td.col-orgs')).toBe(true);
  });

  it('reads the weCLIMB users list the same way', () => {
    const weclimb = loadSnapshot('users-list-weclimb');
    const read = [...weclimb.querySelectorAll(adapter.selectors.rows)].map((r) => adapter.readRow(r)!);
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((r) => r.roles.includes('observer'))).toBe(true);
  });
});

describe('edit user adapter', () => {
  const adapter = editUserAdapter();

  it('reads the user, the role checkboxes and where the panel goes', () => {
    const doc = loadSnapshot('edit-user');
    const form = doc.querySelector<HTMLFormElement>(adapter.selectors.form)!;
    const view = adapter.read(form, doc)!;
    expect(view.hostUserId).toBe('MT-100002');
    expect(view.email).toMatch(/@lakeview\.k12\.us$/);
    expect(view.checkboxes.map((c) => c.role)).toEqual(['system_administrator', 'organization_administrator', 'evaluator', 'observer', 'observable', 'reporter', 'proctor', 'publisher', 'learner']);
    expect(view.checkboxes[0]!.label).toBe('System Administrator');
    expect(view.saveButton?.id).toBe('save-user');
    expect(view.panelAnchor).toMatchObject({ where: 'after' });
    expect(view.panelAnchor.element.id).toBe('user-permissions');
    expect(adapter.noticeAnchor(form)).toMatchObject({ where: 'before', element: form.querySelector('.form-actions') });
    expect(adapter.checkedRoles(form)).toEqual(view.checkboxes.filter((c) => c.input.checked).map((c) => c.role));
  });

  it('keeps a hostile name as data', () => {
    const doc = loadSnapshot('edit-user-hostile');
    const view = adapter.read(doc.querySelector<HTMLFormElement>(adapter.selectors.form)!, doc)!;
    expect(view.firstName).toBe('<img src=x onerror=alert(1)>');
    expect(doc.querySelectorAll('img[src=x]')).toHaveLength(0);
  });
});

describe('licenses adapter', () => {
  it('reads the host numbers of each SKU card', () => {
    const doc = loadSnapshot('licenses');
    const adapter = licensesAdapter();
    const cards = [...doc.querySelectorAll(adapter.selectors.cards)].map((c) => adapter.readCard(c)!);
    expect(cards.map((c) => c.sku)).toEqual(['elearn', 'weclimb', 'combined']);
    for (const c of cards) {
      expect(c.total).toEqual(expect.any(Number));
      expect(c.assigned).toEqual(expect.any(Number));
      expect(c.usagePct).toEqual(expect.any(Number));
    }
  });
});

describe('license claims adapter', () => {
  it('reads claim rows and the filter', () => {
    const doc = loadSnapshot('license-claims');
    const adapter = licenseClaimsAdapter();
    const rows = [...doc.querySelectorAll(adapter.selectors.rows)].map((r) => adapter.readRow(r));
    expect(rows).toHaveLength(50);
    expect(rows[0]).toMatchObject({ claimId: expect.stringMatching(/^CLM-/), hostUserId: expect.stringMatching(/^MT-/), product: expect.stringMatching(/^(elearn|weclimb|combined)$/) });
    expect(rows[0]!.claimedAt).toMatch(/^\d{4}-/);
    expect(adapter.readFilter(doc.querySelector(adapter.selectors.filters)!)).toEqual({ from: expect.any(String), to: expect.any(String), product: '' });
  });
});
