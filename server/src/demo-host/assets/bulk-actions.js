// The Users list's Bulk Actions toolbar and the small panel each action opens.
import { api, h } from './dom.js';

const ACTIONS = [
  { action: 'change-organizations', label: 'Change Organizations' },
  { action: 'add-role', label: 'Add Role…' },
  { action: 'remove-role', label: 'Remove Role…' },
];

export function bulkActions(meta, selectedIds, onDone, onError) {
  const count = h('span', { class: 'selected-count', id: 'selected-count' }, '0 selected');
  const buttons = ACTIONS.map(({ action, label }) =>
    h('button', { type: 'button', class: 'btn btn-default btn-sm bulk-action', dataset: { bulkAction: action }, disabled: true, on: { click: () => open(action) } }, label),
  );
  const panelSlot = h('div', { class: 'bulk-panel-slot' });
  const el = h('div', { class: 'bulk-actions btn-toolbar', id: 'bulk-actions', role: 'toolbar', 'aria-label': 'Bulk Actions' },
    h('span', { class: 'bulk-label' }, 'Bulk Actions:'), ...buttons, count, panelSlot);

  const applyLabel = (n) => `Apply to ${n} user${n === 1 ? '' : 's'}`;
  let apply;

  function open(action) {
    const isOrgs = action === 'change-organizations';
    const field = isOrgs
      ? h('select', { id: 'bulk-orgs', name: 'orgIds', multiple: true, size: '6', class: 'form-control' }, meta.orgs.map((o) => h('option', { value: o.id }, o.name)))
      : h('select', { id: 'bulk-role', name: 'role', class: 'form-control' }, h('option', { value: '' }, 'Choose a role…'), meta.roles.map((r) => h('option', { value: r.id }, r.label)));
    const error = h('div', { class: 'bulk-error text-danger', role: 'alert' });
    apply = h('button', { type: 'submit', class: 'btn btn-primary btn-sm bulk-apply' }, applyLabel(selectedIds().length));
    const cancel = h('button', { type: 'button', class: 'btn btn-link btn-sm bulk-cancel', on: { click: () => panelSlot.replaceChildren() } }, 'Cancel');
    const title = ACTIONS.find((a) => a.action === action).label.replace('…', '');
    const panel = h('form', { class: 'bulk-panel well', id: 'bulk-panel', dataset: { action } },
      h('label', { for: field.id, class: 'bulk-panel-title' }, isOrgs ? 'New authorized organizations' : `${title}:`), field, apply, cancel, error);
    panel.addEventListener('submit', async (event) => {
      event.preventDefault();
      const ids = selectedIds();
      const body = isOrgs
        ? { action, userIds: ids, orgIds: [...field.selectedOptions].map((o) => o.value) }
        : { action, userIds: ids, role: field.value };
      apply.disabled = true;
      try {
        const { updated } = await api('/users/bulk', { method: 'POST', body });
        panelSlot.replaceChildren();
        await onDone(`Updated ${updated} user${updated === 1 ? '' : 's'}.`);
      } catch (err) {
        apply.disabled = false;
        if (err.status === 400 && err.issues.length) error.textContent = err.issues.map((i) => i.message).join(' ');
        else onError(err.message);
      }
    });
    panelSlot.replaceChildren(panel);
    field.focus();
  }

  return {
    el,
    setCount(n) {
      count.textContent = `${n} selected`;
      buttons.forEach((b) => (b.disabled = n === 0));
      if (apply) apply.textContent = applyLabel(n);
    },
  };
}
