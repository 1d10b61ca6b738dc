// System Admin → Users: filters, the user table, pagination and the row menus.
import { api, appUrl, base, breadcrumb, flash, h, loadMeta, pageHeader, pager, renderDelay, syncQuery } from './dom.js';
import { bulkActions } from './bulk-actions.js';

const MAX_ROWS = 5000;

function readState(query) {
  const rows = Math.min(MAX_ROWS, Math.max(1, parseInt(query.get('rows') || '25', 10) || 25));
  return {
    role: query.get('role') || '',
    org: query.get('org') || '',
    q: query.get('q') || '',
    page: Math.max(1, parseInt(query.get('page') || '1', 10) || 1),
    rows,
  };
}

function select(id, name, label, options, value) {
  return h(
    'div',
    { class: 'filter-group' },
    h('label', { for: id }, label),
    h('select', { id, name, class: 'form-control' }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))),
  );
}

function rowMenu(user) {
  const items = h(
    'ul',
    { class: 'row-menu-items dropdown-menu', role: 'menu', hidden: true },
    h('li', { role: 'none' }, h('a', { class: 'menu-edit-user', role: 'menuitem', href: appUrl(`admin/users/${encodeURIComponent(user.id)}/edit`) }, 'Edit User')),
  );
  const toggle = h('button', { type: 'button', class: 'row-menu-toggle btn btn-xs', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-label': 'Actions' }, '⋯');
  toggle.addEventListener('click', (event) => {
    event.stopPropagation();
    const open = items.hidden;
    document.querySelectorAll('.row-menu-items').forEach((m) => (m.hidden = true));
    items.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  });
  return h('div', { class: 'row-menu dropdown' }, toggle, items);
}

function userRow(user, meta) {
  const editUrl = appUrl(`admin/users/${encodeURIComponent(user.id)}/edit`);
  return h(
    'tr',
    { class: 'user-row', dataset: { userId: user.id } },
    h('td', { class: 'col-select' }, h('input', { type: 'checkbox', class: 'row-select', name: 'selected', value: user.id, 'aria-label': `Select ${user.email}` })),
    h('td', { class: 'col-name' }, h('a', { class: 'user-name-link', href: editUrl }, `${user.lastName}, ${user.firstName}`)),
    h('td', { class: 'col-email' }, user.email),
    h('td', { class: 'col-orgs' }, user.orgIds.map((id) => h('span', { class: 'org-name', dataset: { orgId: id } }, meta.orgName.get(id) || id))),
    h('td', { class: 'col-roles' }, user.roles.map((role) => h('span', { class: 'role-badge label', dataset: { role } }, meta.roleLabel.get(role) || role))),
    h('td', { class: 'col-actions' }, rowMenu(user)),
  );
}

export async function renderUsersPage(root, { query, signal }) {
  const state = readState(query);
  const meta = await loadMeta();
  await renderDelay();
  if (signal.aborted) return;

  const flashArea = h('div', { class: 'flash-messages', id: 'flash-messages' });
  const filters = h(
    'form',
    { class: 'user-filters form-inline', id: 'user-filters', role: 'search', on: { submit: (e) => e.preventDefault() } },
    select('filter-role', 'role', 'Role', [['', 'All Roles'], ...meta.roles.map((r) => [r.id, r.label])], state.role),
    select('filter-org', 'org', 'Organization', [['', 'All Organizations'], ...meta.orgs.map((o) => [o.id, o.name])], state.org),
    h('div', { class: 'filter-group' }, h('label', { for: 'filter-search' }, 'Search'),
      h('input', { type: 'search', id: 'filter-search', name: 'q', class: 'form-control', placeholder: 'Name or email', value: state.q })),
  );
  const selectAll = h('input', { type: 'checkbox', id: 'select-all', 'aria-label': 'Select all on this page' });
  const tbody = h('tbody', { id: 'users-tbody' });
  const table = h(
    'table',
    { class: 'user-table table table-striped', id: 'users-table' },
    h('thead', {}, h('tr', {},
      h('th', { class: 'col-select' }, selectAll), h('th', { class: 'col-name' }, 'Name'), h('th', { class: 'col-email' }, 'Email'),
      h('th', { class: 'col-orgs' }, 'Organizations'), h('th', { class: 'col-roles' }, 'Roles'), h('th', { class: 'col-actions' }, h('span', { class: 'sr-only' }, 'Actions')))),
    tbody,
  );
  const pages = pager('users', (page) => {
    state.page = page;
    loadRows();
  });
  const selectedIds = () => [...tbody.querySelectorAll('.row-select:checked')].map((box) => box.value);
  const bulk = bulkActions(meta, selectedIds, async (message) => {
    flash(flashArea, 'success', message);
    await loadRows();
  }, (message) => flash(flashArea, 'danger', message));

  function onSelectionChange() {
    const boxes = [...tbody.querySelectorAll('.row-select')];
    const checked = boxes.filter((b) => b.checked).length;
    boxes.forEach((b) => b.closest('tr').classList.toggle('selected', b.checked));
    selectAll.checked = boxes.length > 0 && checked === boxes.length;
    selectAll.indeterminate = checked > 0 && checked < boxes.length;
    bulk.setCount(checked);
  }
  selectAll.addEventListener('change', () => {
    tbody.querySelectorAll('.row-select').forEach((b) => (b.checked = selectAll.checked));
    onSelectionChange();
  });
  tbody.addEventListener('change', (e) => e.target.classList.contains('row-select') && onSelectionChange());

  let loadId = 0;
  async function loadRows() {
    const mine = ++loadId;
    table.setAttribute('aria-busy', 'true');
    tbody.replaceChildren(h('tr', { class: 'loading-row' }, h('td', { colspan: '6' }, 'Loading users…')));
    const params = new URLSearchParams({ page: String(state.page), rows: String(state.rows) });
    for (const key of ['role', 'org', 'q']) if (state[key]) params.set(key, state[key]);
    try {
      const data = await api(`/users?${params}`);
      await renderDelay();
      if (signal.aborted || mine !== loadId) return;
      tbody.replaceChildren(...(data.users.length ? data.users.map((u) => userRow(u, meta)) : [h('tr', { class: 'empty-row' }, h('td', { colspan: '6' }, 'No users match these filters.'))]));
      pages.update(data);
      table.dataset.total = String(data.total);
    } catch (err) {
      if (signal.aborted || mine !== loadId) return;
      tbody.replaceChildren(h('tr', { class: 'error-row' }, h('td', { colspan: '6' }, err.message)));
    }
    table.removeAttribute('aria-busy');
    onSelectionChange();
    syncQuery({ role: state.role, org: state.org, q: state.q, page: state.page > 1 ? state.page : '', rows: state.rows !== 25 ? state.rows : '' });
  }

  let searchTimer;
  filters.addEventListener('change', (e) => {
    if (e.target.name === 'q') return;
    state[e.target.name] = e.target.value;
    state.page = 1;
    loadRows();
  });
  filters.addEventListener('input', (e) => {
    if (e.target.name !== 'q') return;
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.q = e.target.value.trim();
      state.page = 1;
      loadRows();
    }, 300);
  });

  root.replaceChildren(
    breadcrumb(['System Admin'], ['Users']),
    pageHeader(
      'Manage Users',
      h('a', { class: 'btn btn-default export-csv', href: `${base}/api/users/export.csv`, download: 'users.csv' }, 'Export CSV'),
      h('button', { type: 'button', class: 'btn btn-success add-user', disabled: true, title: 'Disabled in the demo' }, '+ Add User'),
    ),
    flashArea,
    h('div', { class: 'panel users-panel' }, filters, bulk.el, table, pages.el),
  );
  await loadRows();
}

// One outside click closes any open row menu.
document.addEventListener('click', () => document.querySelectorAll('.row-menu-items').forEach((m) => (m.hidden = true)));
