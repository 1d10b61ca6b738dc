// System Admin → Users → Edit User: the user form with its role checkboxes.
import { api, appUrl, breadcrumb, flash, h, loadMeta, pageHeader, renderDelay } from './dom.js';

const FIELDS = [
  { name: 'email', id: 'user-email', label: 'Email', type: 'email', required: true },
  { name: 'firstName', id: 'user-first-name', label: 'First Name', required: true },
  { name: 'lastName', id: 'user-last-name', label: 'Last Name', required: true },
  { name: 'middleInitial', id: 'user-middle-initial', label: 'Middle Initial', maxlength: '1', class: 'form-control input-mini' },
  { name: 'stateEducatorId', id: 'user-state-educator-id', label: 'State Educator ID' },
];

function formGroup(name, label, control) {
  return h('div', { class: 'form-group', dataset: { field: name } },
    h('label', { for: control.id, class: 'control-label' }, label), control,
    h('span', { class: 'help-block field-error', dataset: { field: name } }));
}

function buildForm(user, meta) {
  const inputs = FIELDS.map((f) =>
    formGroup(f.name, f.label, h('input', { type: f.type || 'text', id: f.id, name: f.name, class: f.class || 'form-control', maxlength: f.maxlength, required: f.required, value: user[f.name] })),
  );
  const timeZone = formGroup('timeZone', 'Time Zone',
    h('select', { id: 'user-time-zone', name: 'timeZone', class: 'form-control' }, meta.timeZones.map((tz) => h('option', { value: tz.id, selected: tz.id === user.timeZone }, tz.label))));
  const orgs = formGroup('orgIds', 'Authorized Organizations',
    h('select', { id: 'user-orgs', name: 'orgIds', multiple: true, size: String(Math.min(10, meta.orgs.length)), class: 'form-control' },
      meta.orgs.map((o) => h('option', { value: o.id, selected: user.orgIds.includes(o.id) }, o.name))));
  const permissions = h('fieldset', { class: 'permissions', id: 'user-permissions', dataset: { field: 'roles' } },
    h('legend', {}, 'User Permission and Access'),
    meta.roles.map((r) => h('div', { class: 'checkbox' }, h('label', { for: `role-${r.id}` },
      h('input', { type: 'checkbox', id: `role-${r.id}`, name: 'roles', value: r.id, checked: user.roles.includes(r.id) }), ' ', r.label))),
    h('span', { class: 'help-block field-error', dataset: { field: 'roles' } }));
  return h('form', { id: 'edit-user-form', class: 'edit-user-form form-horizontal', dataset: { userId: user.id }, novalidate: true },
    h('div', { class: 'form-errors alert alert-danger', id: 'form-errors', role: 'alert', hidden: true }),
    h('div', { class: 'form-columns' }, h('div', { class: 'form-column' }, ...inputs, timeZone, orgs), h('div', { class: 'form-column' }, permissions)),
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', id: 'send-invitation', class: 'btn btn-default' }, 'Send Invitation'),
      h('button', { type: 'submit', id: 'save-user', class: 'btn btn-primary' }, 'Save'),
      h('a', { class: 'btn btn-link cancel-edit', href: appUrl('admin/users') }, 'Cancel')));
}

function readForm(form, user) {
  const data = Object.fromEntries(FIELDS.map((f) => [f.name, form.elements[f.name].value]));
  data.timeZone = form.elements.timeZone.value;
  // Keep the user's existing order so the first (home) organization stays first; new picks go last.
  const chosen = [...form.elements.orgIds.selectedOptions].map((o) => o.value);
  data.orgIds = [...user.orgIds.filter((id) => chosen.includes(id)), ...chosen.filter((id) => !user.orgIds.includes(id))];
  data.roles = [...form.querySelectorAll('input[name="roles"]:checked')].map((box) => box.value);
  return data;
}

function showErrors(form, issues, fallback) {
  const summary = form.querySelector('#form-errors');
  form.querySelectorAll('.has-error').forEach((el) => el.classList.remove('has-error'));
  form.querySelectorAll('.field-error').forEach((el) => (el.textContent = ''));
  if (!issues.length && !fallback) return void (summary.hidden = true);
  for (const issue of issues) {
    form.querySelector(`.form-group[data-field="${CSS.escape(issue.path)}"], fieldset[data-field="${CSS.escape(issue.path)}"]`)?.classList.add('has-error');
    const slot = form.querySelector(`.field-error[data-field="${CSS.escape(issue.path)}"]`);
    if (slot) slot.textContent = issue.message;
  }
  summary.replaceChildren(h('strong', {}, 'Please fix the following:'), h('ul', {}, (issues.length ? issues.map((i) => i.message) : [fallback]).map((m) => h('li', {}, m))));
  summary.hidden = false;
}

export async function renderEditUserPage(root, { params, signal }) {
  const [id] = params;
  const [meta, found] = await Promise.all([loadMeta(), api(`/users/${encodeURIComponent(id)}`).catch((err) => (err.status === 404 ? null : Promise.reject(err)))]);
  await renderDelay();
  if (signal.aborted) return;
  const crumbs = breadcrumb(['System Admin'], ['Users', appUrl('admin/users')], ['Edit User']);
  if (!found) return void root.replaceChildren(crumbs, h('div', { class: 'alert alert-warning page-error' }, `User ${id} was not found.`));

  let user = found.user;
  const flashArea = h('div', { class: 'flash-messages', id: 'flash-messages' });
  const form = buildForm(user, meta);
  const name = h('span', { class: 'user-display-name' }, `${user.firstName} ${user.lastName}`);
  const subtitle = h('p', { class: 'page-subtitle' }, name, ' · ', h('span', { class: 'user-external-id' }, `User ID: ${user.id}`));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const save = form.querySelector('#save-user');
    save.disabled = true;
    save.textContent = 'Saving…';
    try {
      ({ user } = await api(`/users/${encodeURIComponent(user.id)}`, { method: 'POST', body: readForm(form, user) }));
      showErrors(form, []);
      form.elements.email.value = user.email;
      name.textContent = `${user.firstName} ${user.lastName}`;
      flash(flashArea, 'success', 'User saved');
    } catch (err) {
      showErrors(form, err.issues || [], err.message);
      flashArea.replaceChildren();
    } finally {
      save.disabled = false;
      save.textContent = 'Save';
    }
  });
  form.querySelector('#send-invitation').addEventListener('click', async () => {
    try {
      const { sentTo } = await api(`/users/${encodeURIComponent(user.id)}/invitation`, { method: 'POST', body: {} });
      flash(flashArea, 'info', `Invitation sent to ${sentTo}`);
    } catch (err) {
      flash(flashArea, 'danger', err.message);
    }
  });

  root.replaceChildren(crumbs, pageHeader('Edit User'), subtitle, flashArea, h('div', { class: 'panel edit-user-panel' }, form));
}
