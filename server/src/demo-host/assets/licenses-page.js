// System Admin → Licenses: the host's License Dashboard (its own nightly numbers).
import { api, breadcrumb, formatDateTime, formatNumber, h, loadMeta, pageHeader, renderDelay } from './dom.js';

const STATS = [
  ['total', 'Total Licensed', (p) => formatNumber(p.total), (p) => p.total],
  ['assigned', 'Currently Assigned', (p) => formatNumber(p.assigned), (p) => p.assigned],
  ['available', 'Available', (p) => formatNumber(p.available), (p) => p.available],
  ['usage', 'Usage Percentage', (p) => `${p.usagePercent}%`, (p) => p.usagePercent],
];

function card(product, label) {
  const level = product.usagePercent >= 100 ? 'full' : product.usagePercent >= 90 ? 'high' : 'ok';
  return h('section', { class: `product-card usage-${level}`, dataset: { product: product.product } },
    h('h2', { class: 'product-name' }, label),
    h('dl', { class: 'license-stats' }, STATS.map(([key, title, text, raw]) =>
      h('div', { class: 'stat', dataset: { stat: key } }, h('dt', {}, title), h('dd', { class: 'stat-value', dataset: { value: String(raw(product)) } }, text(product))))),
    h('div', { class: 'usage-bar', role: 'presentation' }, h('span', { class: 'usage-fill', style: `width: ${Math.min(100, product.usagePercent)}%` })));
}

export async function renderLicensesPage(root, { signal }) {
  const [meta, data] = await Promise.all([loadMeta(), api('/licenses')]);
  await renderDelay();
  if (signal.aborted) return;
  const label = new Map(meta.products.map((p) => [p.id, p.label]));
  root.replaceChildren(
    breadcrumb(['System Admin'], ['Licenses']),
    pageHeader('License Dashboard'),
    h('div', { id: 'license-dashboard', class: 'license-dashboard' },
      h('div', { class: 'product-cards' }, data.products.map((p) => card(p, label.get(p.product) || p.product))),
      h('p', { class: 'as-of text-muted' }, 'Last updated: ', h('time', { datetime: data.asOf }, formatDateTime(data.asOf)))),
  );
}
