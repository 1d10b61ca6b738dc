// weCLIMB → Observations: a plain list, here so the sidebar has a page outside System Admin.
import { api, breadcrumb, h, loadMeta, pageHeader, renderDelay } from './dom.js';

export async function renderObservationsPage(root, { signal }) {
  const [meta, data] = await Promise.all([loadMeta(), api('/observations')]);
  await renderDelay();
  if (signal.aborted) return;
  root.replaceChildren(
    breadcrumb(['weCLIMB'], ['Observations']),
    pageHeader('Observations'),
    h('div', { class: 'panel' }, h('table', { class: 'observations-table table table-striped', id: 'observations-table' },
      h('thead', {}, h('tr', {}, ['#', 'Teacher', 'Observer', 'School', 'Date', 'Status'].map((t) => h('th', {}, t)))),
      h('tbody', {}, data.observations.map((o) => h('tr', { dataset: { observationId: o.id } },
        h('td', {}, o.id), h('td', {}, o.teacherName), h('td', {}, o.observerName), h('td', {}, meta.orgName.get(o.orgId) || o.orgId),
        h('td', {}, o.scheduledFor), h('td', {}, h('span', { class: 'label status-label' }, o.status))))))));
}
