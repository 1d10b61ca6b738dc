import type { HostApp } from './types.ts';
import { escapeHtml } from '../http/html.ts';

/** The page kinds the host's script knows how to render; also `main[data-page]`. */
export type PageKind = 'users-list' | 'edit-user' | 'licenses' | 'license-claims' | 'observations';

export const APP_LABELS: Record<HostApp, string> = { elearn: 'eLearn', weclimb: 'weCLIMB' };

const PAGE_TITLES: Record<PageKind, string> = {
  'users-list': 'Manage Users',
  'edit-user': 'Edit User',
  licenses: 'License Dashboard',
  'license-claims': 'License Claims',
  observations: 'Observations',
};

interface NavLink {
  page: PageKind;
  label: string;
  path: string;
}

function sidebarSections(app: HostApp): { title: string; links: NavLink[] }[] {
  const sections = [
    {
      title: 'System Admin',
      links: [
        { page: 'users-list', label: 'Users', path: 'admin/users' },
        { page: 'licenses', label: 'Licenses', path: 'admin/licenses' },
      ] as NavLink[],
    },
    { title: 'Reports', links: [{ page: 'license-claims', label: 'License Claims', path: 'reports/license-claims' }] as NavLink[] },
  ];
  if (app === 'weclimb') sections.push({ title: 'weCLIMB', links: [{ page: 'observations', label: 'Observations', path: 'observations' }] });
  return sections;
}

function sidebar(base: string, app: HostApp, current: PageKind): string {
  const active = current === 'edit-user' ? 'users-list' : current;
  return sidebarSections(app)
    .map(
      (section) => `
      <div class="nav-section">
        <h3 class="nav-section-title">${escapeHtml(section.title)}</h3>
        <ul class="nav-list">${section.links
          .map(
            (l) =>
              `<li><a class="nav-link${l.page === active ? ' active' : ''}" data-nav="${l.page}" href="${base}/${app}/${l.path}">${escapeHtml(l.label)}</a></li>`,
          )
          .join('')}</ul>
      </div>`,
    )
    .join('');
}

function head(title: string, base: string, withScript: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${base}/assets/host.css">${withScript ? `\n  <script type="module" src="${base}/assets/host.js"></script>` : ''}
</head>`;
}

/** The server-rendered frame of every admin page; the host's script fills `#page-root`. */
export function renderShell(base: string, app: HostApp, page: PageKind): string {
  const other: HostApp = app === 'elearn' ? 'weclimb' : 'elearn';
  return `${head(`${PAGE_TITLES[page]} | ${APP_LABELS[app]} Admin`, base, true)}
<body class="mt-admin app-${app}" data-app="${app}" data-base="${base}">
  <header class="mt-header" id="mt-header">
    <a class="mt-brand" href="${base}/${app}/admin/users"><span class="mt-logo" aria-hidden="true"></span><span class="mt-app-name">${APP_LABELS[app]}</span><span class="mt-brand-sub">Administration</span></a>
    <nav class="mt-app-switch" aria-label="Applications">
      <a class="app-link current" href="${base}/${app}/admin/users">${APP_LABELS[app]}</a>
      <a class="app-link" href="${base}/${other}/admin/users">${APP_LABELS[other]}</a>
    </nav>
    <div class="mt-user-menu"><span class="mt-user-name">District Admin</span> · <a href="${base}/">Sign out</a></div>
  </header>
  <div class="mt-layout">
    <nav class="mt-sidebar" id="mt-sidebar" aria-label="Main">${sidebar(base, app, page)}
    </nav>
    <main class="mt-main" id="mt-main" data-page="${page}">
      <div id="page-root" class="page-root"><div class="page-loading">Loading&hellip;</div></div>
    </main>
  </div>
  <footer class="mt-footer">&copy; 2014&ndash;2024 MasterTeacher &middot; Admin Console v4.12.3 &middot; <em>stand-in host for the Seatwise demo</em></footer>
</body>
</html>`;
}

export function renderLanding(base: string): string {
  return `${head('MasterTeacher Admin', base, false)}
<body class="mt-admin mt-landing">
  <header class="mt-header"><span class="mt-brand"><span class="mt-logo" aria-hidden="true"></span><span class="mt-app-name">MasterTeacher</span><span class="mt-brand-sub">Administration</span></span></header>
  <main class="landing" id="mt-landing">
    <h1>Choose an application</h1>
    <p class="landing-note">Stand-in admin pages for the Seatwise demo. Lakeview Unified School District.</p>
    <ul class="landing-apps">
      <li class="landing-app app-elearn"><a data-app="elearn" href="${base}/elearn/admin/users"><span class="mt-logo" aria-hidden="true"></span>eLearn Admin</a><span>Professional development courses</span></li>
      <li class="landing-app app-weclimb"><a data-app="weclimb" href="${base}/weclimb/admin/users"><span class="mt-logo" aria-hidden="true"></span>weCLIMB Admin</a><span>Classroom observation</span></li>
    </ul>
  </main>
</body>
</html>`;
}

export function renderNotFound(base: string): string {
  return `${head('Page not found', base, false)}
<body class="mt-admin"><main class="landing"><h1>Page not found</h1><p><a href="${base}/">Back to the admin home</a></p></main></body>
</html>`;
}
