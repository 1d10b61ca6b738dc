// Small DOM and fetch helpers for the host's admin script.
// Everything that shows data goes through textContent or text nodes, never parsed as markup.

export const base = document.body.dataset.base || '/demo';
export const app = document.body.dataset.app || 'elearn';

/**
 * h('tr', { class: 'user-row', dataset: { userId: 'MT-1' }, on: { click } }, child, 'text')
 * Other props are set as attributes (strings) or, for booleans, as properties.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    // Through the CSSOM: the page's Content-Security-Policy refuses style attributes.
    else if (key === 'style') el.style.cssText = value;
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    else if (value === true) key in el ? (el[key] = true) : el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Like the real app, data shows up a moment after the page: 150-300 ms. */
export const renderDelay = () => sleep(150 + Math.floor(Math.random() * 150));

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error && body.error.message) || `Request failed (${status})`);
    this.status = status;
    this.issues = (body && body.error && body.error.issues) || [];
  }
}

export async function api(path, options = {}) {
  const init = { method: options.method || 'GET', headers: { accept: 'application/json' } };
  if (options.body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  const res = await fetch(`${base}/api${path}`, init);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

let metaPromise;
/** Roles, time zones, products and organizations: fetched once per page load. */
export function loadMeta() {
  metaPromise ||= Promise.all([api('/meta'), api('/orgs')]).then(([meta, orgs]) => ({
    ...meta,
    orgs: orgs.orgs,
    orgName: new Map(orgs.orgs.map((o) => [o.id, o.name])),
    roleLabel: new Map(meta.roles.map((r) => [r.id, r.label])),
  }));
  metaPromise.catch(() => (metaPromise = undefined));
  return metaPromise;
}

export const appUrl = (path) => `${base}/${app}/${path}`;

export const formatNumber = (n) => Number(n).toLocaleString('en-US');

export function formatDateTime(iso) {
  return new Date(iso).toLocaleString('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' });
}

export function breadcrumb(...items) {
  return h(
    'ol',
    { class: 'breadcrumb', 'aria-label': 'Breadcrumb' },
    items.map(([label, href], i) =>
      h('li', { class: i === items.length - 1 ? 'active' : undefined }, href ? h('a', { href }, label) : label),
    ),
  );
}

export function pageHeader(title, ...extra) {
  return h('div', { class: 'page-header' }, h('h1', { class: 'page-title' }, title), ...extra);
}

/** Shows one message in the page's flash area, replacing any earlier one. */
export function flash(area, kind, message) {
  area.replaceChildren(
    h('div', { class: `alert alert-${kind} flash`, role: kind === 'danger' ? 'alert' : 'status' }, h('span', { class: 'flash-text' }, message),
      h('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss', on: { click: () => area.replaceChildren() } }, '×')),
  );
}

/** Previous / Next pager with a "Showing a–b of n" label; `onPage(n)` asks for another page. */
export function pager(idPrefix, onPage) {
  const prev = h('button', { type: 'button', class: 'btn btn-default page-prev', id: `${idPrefix}-prev` }, '‹ Previous');
  const next = h('button', { type: 'button', class: 'btn btn-default page-next', id: `${idPrefix}-next` }, 'Next ›');
  const info = h('span', { class: 'page-info' });
  let current = 1;
  prev.addEventListener('click', () => onPage(current - 1));
  next.addEventListener('click', () => onPage(current + 1));
  const el = h('div', { class: 'pagination', id: `${idPrefix}-pagination` }, prev, info, next);
  return {
    el,
    update({ page, rows, total, pages }) {
      current = page;
      el.dataset.page = String(page);
      el.dataset.pages = String(pages);
      const first = total === 0 ? 0 : (page - 1) * rows + 1;
      info.textContent = `Showing ${formatNumber(first)}–${formatNumber(Math.min(page * rows, total))} of ${formatNumber(total)} · Page ${page} of ${pages}`;
      prev.disabled = page <= 1;
      next.disabled = page >= pages;
    },
  };
}

/** Writes the page's own state into the address bar without a navigation entry. */
export function syncQuery(params) {
  const url = new URL(location.href);
  url.search = '';
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  if (url.href !== location.href) history.replaceState(history.state, '', url);
}
