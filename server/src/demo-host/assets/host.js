// The host admin app's entry: a tiny client-side router over the server's shell.
import { app, base, h } from './dom.js';
import { renderUsersPage } from './users-page.js';
import { renderEditUserPage } from './edit-user-page.js';
import { renderLicensesPage } from './licenses-page.js';
import { renderClaimsPage } from './claims-page.js';
import { renderObservationsPage } from './observations-page.js';

const APP_LABEL = { elearn: 'eLearn', weclimb: 'weCLIMB' }[app];

const ROUTES = [
  { page: 'users-list', pattern: /^admin\/users\/?$/, title: 'Manage Users', render: renderUsersPage },
  { page: 'edit-user', pattern: /^admin\/users\/([^/]+)\/edit\/?$/, title: 'Edit User', render: renderEditUserPage },
  { page: 'licenses', pattern: /^admin\/licenses\/?$/, title: 'License Dashboard', render: renderLicensesPage },
  { page: 'license-claims', pattern: /^reports\/license-claims\/?$/, title: 'License Claims', render: renderClaimsPage },
  { page: 'observations', pattern: /^observations\/?$/, title: 'Observations', render: renderObservationsPage, only: 'weclimb' },
];

function match(url) {
  const prefix = `${base}/${app}/`;
  if (url.origin !== location.origin || !url.pathname.startsWith(prefix)) return null;
  const rest = url.pathname.slice(prefix.length);
  for (const route of ROUTES) {
    const m = route.pattern.exec(rest);
    if (m && (!route.only || route.only === app)) return { route, params: m.slice(1).map(decodeURIComponent) };
  }
  return null;
}

let current; // AbortController of the page on screen

export function navigate(href, { replace = false } = {}) {
  const url = new URL(href, location.href);
  if (!match(url)) return void location.assign(url);
  history[replace ? 'replaceState' : 'pushState']({ mt: true }, '', url);
  render();
}

function render() {
  current?.abort();
  current = new AbortController();
  const found = match(new URL(location.href));
  const main = document.getElementById('mt-main');
  const root = h('div', { id: 'page-root', class: 'page-root' }, h('div', { class: 'page-loading' }, 'Loading…'));
  document.getElementById('page-root').replaceWith(root);
  if (!found) {
    root.replaceChildren(h('div', { class: 'alert alert-danger' }, 'Page not found.'));
    return;
  }
  const { route, params } = found;
  main.dataset.page = route.page;
  document.title = `${route.title} | ${APP_LABEL} Admin`;
  const activeNav = route.page === 'edit-user' ? 'users-list' : route.page;
  for (const link of document.querySelectorAll('#mt-sidebar .nav-link')) link.classList.toggle('active', link.dataset.nav === activeNav);
  const ctx = { params, query: new URL(location.href).searchParams, signal: current.signal, navigate };
  route.render(root, ctx).catch((err) => {
    if (ctx.signal.aborted) return;
    console.error(err);
    root.replaceChildren(h('div', { class: 'alert alert-danger page-error' }, `Something went wrong: ${err.message}`));
  });
}

// Links to pages of this app navigate in place; everything else is a normal page load.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href);
  if (!match(url)) return;
  event.preventDefault();
  if (url.href !== location.href) navigate(url);
});

window.addEventListener('popstate', render);
render();
