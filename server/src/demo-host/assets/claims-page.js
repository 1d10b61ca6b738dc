// Reports → License Claims: who claimed which license when, filterable by date.
import { api, breadcrumb, formatDateTime, h, loadMeta, pageHeader, pager, renderDelay, syncQuery } from './dom.js';

function claimRow(claim, productLabel) {
  return h('tr', { class: 'claim-row', dataset: { claimId: claim.id, userId: claim.userId } },
    h('td', { class: 'col-claim-id' }, claim.id),
    h('td', { class: 'col-user' }, claim.userName),
    h('td', { class: 'col-email' }, claim.email),
    h('td', { class: 'col-product', dataset: { product: claim.product } }, productLabel.get(claim.product) || claim.product),
    h('td', { class: 'col-date' }, h('time', { datetime: claim.claimedAt }, formatDateTime(claim.claimedAt))));
}

export async function renderClaimsPage(root, { query, signal }) {
  const state = { from: query.get('from') || '', to: query.get('to') || '', product: query.get('product') || '', page: Math.max(1, parseInt(query.get('page') || '1', 10) || 1) };
  const meta = await loadMeta();
  await renderDelay();
  if (signal.aborted) return;
  const productLabel = new Map(meta.products.map((p) => [p.id, p.label]));

  const error = h('div', { class: 'filter-error text-danger', role: 'alert' });
  const filter = h('form', { id: 'claims-filter', class: 'claims-filter form-inline', on: { submit: (e) => e.preventDefault() } },
    h('div', { class: 'filter-group' }, h('label', { for: 'claims-from' }, 'From'), h('input', { type: 'date', id: 'claims-from', name: 'from', class: 'form-control', value: state.from })),
    h('div', { class: 'filter-group' }, h('label', { for: 'claims-to' }, 'To'), h('input', { type: 'date', id: 'claims-to', name: 'to', class: 'form-control', value: state.to })),
    h('div', { class: 'filter-group' }, h('label', { for: 'claims-product' }, 'Product'),
      h('select', { id: 'claims-product', name: 'product', class: 'form-control' }, h('option', { value: '' }, 'All Products'),
        meta.products.map((p) => h('option', { value: p.id, selected: p.id === state.product }, p.label)))),
    error);
  const tbody = h('tbody', { id: 'claims-tbody' });
  const table = h('table', { class: 'claims-table table table-striped', id: 'claims-table' },
    h('thead', {}, h('tr', {}, h('th', { class: 'col-claim-id' }, 'Claim #'), h('th', { class: 'col-user' }, 'User'), h('th', { class: 'col-email' }, 'Email'),
      h('th', { class: 'col-product' }, 'Product'), h('th', { class: 'col-date' }, 'Claimed'))), tbody);
  const pages = pager('claims', (page) => {
    state.page = page;
    load();
  });

  let loadId = 0;
  async function load() {
    const mine = ++loadId;
    table.setAttribute('aria-busy', 'true');
    const params = new URLSearchParams({ page: String(state.page), rows: '50' });
    for (const key of ['from', 'to', 'product']) if (state[key]) params.set(key, state[key]);
    try {
      const data = await api(`/claims?${params}`);
      await renderDelay();
      if (signal.aborted || mine !== loadId) return;
      error.textContent = '';
      tbody.replaceChildren(...(data.claims.length ? data.claims.map((c) => claimRow(c, productLabel)) : [h('tr', { class: 'empty-row' }, h('td', { colspan: '5' }, 'No license claims in this period.'))]));
      pages.update(data);
    } catch (err) {
      if (signal.aborted || mine !== loadId) return;
      error.textContent = err.issues?.length ? err.issues.map((i) => `${i.path}: ${i.message}`).join(' ') : err.message;
    }
    table.removeAttribute('aria-busy');
    syncQuery({ from: state.from, to: state.to, product: state.product, page: state.page > 1 ? state.page : '' });
  }
  filter.addEventListener('change', (e) => {
    state[e.target.name] = e.target.value;
    state.page = 1;
    load();
  });

  root.replaceChildren(breadcrumb(['Reports'], ['License Claims']), pageHeader('License Claims'), h('div', { class: 'panel claims-panel' }, filter, table, pages.el));
  await load();
}
